#ifndef QTEST_SQLITE_CONFIG_H
#define QTEST_SQLITE_CONFIG_H

#include <sqlite3.h>

/// Turns the triggers of connection `db` on (1) or off (0); returns whether they are on
/// afterwards, or -1 on error. `sqlite3_db_config` is variadic, which Swift cannot call.
/// SQLite expires the connection's prepared statements when the setting changes, so each is
/// prepared again, with or without triggers, when it next runs.
int qtest_sqlite_set_triggers(sqlite3 *db, int on);

#endif
