import GRDB

/// The transaction handle that store operations take. Layers above the store pass it along
/// without importing GRDB themselves.
public typealias StoreDatabase = GRDB.Database
