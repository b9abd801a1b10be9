#!/usr/bin/env python3
"""Writes the dashboard's demo fixtures into seed-data/ (see seed-data/README.md):

  nightly.json        a release with three sprints of nightly automation results: flaky tests,
                      a regression, linked requirements and defects, screenshots and logs
  hostile-names.json  every name a page shows set to markup (<script>, onerror=, javascript:)

The output is deterministic (a seeded random stream, fixed dates), so running it again gives the
same bytes; the fixtures are committed, this script is how they were made.

    python3 scripts/make-seed-fixtures.py
"""
import base64
import json
import os
import random
import struct
import zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "seed-data")

STATUSES = [
    {"id": 601, "name": "Passed", "color": "#6cbf54", "is_default": False, "active": True},
    {"id": 602, "name": "Failed", "color": "#e5484d", "is_default": False, "active": True},
    {"id": 603, "name": "Incomplete", "color": "#f5a623", "is_default": False, "active": True},
    {"id": 604, "name": "Blocked", "color": "#8b4513", "is_default": False, "active": True},
    {"id": 605, "name": "Unexecuted", "color": "#9aa0a6", "is_default": True, "active": True},
]
PROFILES = [
    {"id": 700001, "kind": "admin", "name": "Site Admin", "is_admin": True, "all_permissions": True},
    {"id": 700003, "kind": "project", "name": "Project Admin", "is_admin": True, "all_permissions": True},
    {"id": 700004, "kind": "project", "name": "Tester", "is_default": True, "all_permissions": True,
     "permissions": {"project.admin": False, "release.delete": False}},
]
ADMIN = {"id": 10001, "username": "api-test@qasymphony.com", "email": "api-test@qasymphony.com", "first_name": "API",
         "last_name": "Tester", "password": "admin123", "site_admin": True, "admin_profile_id": 700001,
         "api_tokens": ["9bbf04fd-aed2-4e05-8428-7fc5ecff7bb8"]}
RUN_FIELDS = [
    {"id": 608917, "object_type": "test-runs", "label": "Status", "attribute_type": "Number", "data_type": 3, "constrained": True,
     "order": 1, "system_field": True, "original_name": "StatusTestRun",
     "allowed_values": [{"value": s["id"], "label": s["name"], "is_default": s["is_default"]} for s in STATUSES]},
    {"id": 608921, "object_type": "test-runs", "label": "Priority", "attribute_type": "Number", "data_type": 3, "constrained": True,
     "order": 2, "system_field": True, "original_name": "PriorityTestRun",
     "allowed_values": [{"value": 723, "label": "Medium", "is_default": True}, {"value": 724, "label": "High"}, {"value": 725, "label": "Urgent"}]},
    {"id": 608918, "object_type": "test-runs", "label": "Assigned To", "attribute_type": "UserList", "data_type": 5, "order": 3,
     "system_field": True, "original_name": "AssignedToTestRun"},
]
CASE_FIELDS = [
    {"id": 608943, "object_type": "test-cases", "label": "Automation", "attribute_type": "Number", "data_type": 3, "constrained": True,
     "order": 1, "system_field": True, "original_name": "AutomationTestCase",
     "allowed_values": [{"value": 711, "label": "Yes"}, {"value": 712, "label": "No", "is_default": True}]},
    {"id": 608944, "object_type": "test-cases", "label": "Automation Content", "attribute_type": "Text", "data_type": 1, "order": 2,
     "system_field": True, "original_name": "ClassIdTestCase"},
]
DEFECT_FIELDS = [
    {"id": 608970, "object_type": "defects", "label": "Summary", "attribute_type": "Text", "data_type": 1, "required": True, "order": 1,
     "system_field": True, "original_name": "SummaryDefect"},
    {"id": 608972, "object_type": "defects", "label": "Status", "attribute_type": "Number", "data_type": 3, "constrained": True,
     "order": 2, "system_field": True, "original_name": "StatusDefect",
     "allowed_values": [{"value": 401, "label": "New", "is_default": True}, {"value": 402, "label": "Open"}, {"value": 403, "label": "Fixed"}]},
]


def png(width, height, pixel):
    """A PNG of `pixel(x, y) -> (r, g, b)`: the screenshots failed logs carry."""
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


def screenshot(seed):
    """A small picture of a browser window with a red error banner, a little different per seed."""
    rng = random.Random(seed)
    bars = [rng.randint(60, 260) for _ in range(6)]

    def pixel(x, y):
        if y < 18:
            return (0x3D, 0x4B, 0x66) if x > 8 else (0xE5, 0x48, 0x4D)
        if 30 <= y < 54 and 12 <= x < 308:
            return (0xFD, 0xEC, 0xEA) if not (16 <= x < 20) else (0xD9, 0x2D, 0x20)
        for i, length in enumerate(bars):
            top = 70 + i * 20
            if top <= y < top + 8 and 12 <= x < 12 + length:
                return (0xC9, 0xCE, 0xD6)
        return (0xFF, 0xFF, 0xFF)

    return png(320, 200, pixel)


def b64(data):
    return base64.b64encode(data).decode("ascii")


def write(name, fixture):
    path = os.path.join(ROOT, name)
    with open(path, "w", encoding="utf-8") as out:
        json.dump(fixture, out, indent=1, ensure_ascii=False)
        out.write("\n")
    print(f"wrote {os.path.relpath(path)} ({os.path.getsize(path)} bytes)")


def nightly():
    rng = random.Random(20260105)
    users = [
        ADMIN,
        {"id": 10002, "username": "nightly-bot@example.com", "first_name": "Nightly", "last_name": "Bot", "password": "nightly123",
         "api_tokens": ["5b1d7c0e-2f4a-4d6b-9e8f-0a1b2c3d4e5f"]},
        {"id": 10003, "username": "dana@example.com", "first_name": "Dana", "last_name": "Reviewer", "password": "dana123"},
    ]
    modules = [
        {"id": 6100001, "pid": "MD-1", "name": "Web Shop", "description": "Customer-facing shop"},
        {"id": 6100002, "pid": "MD-2", "name": "Accounts", "parent_id": 6100001},
        {"id": 6100003, "pid": "MD-3", "name": "Catalog", "parent_id": 6100001},
        {"id": 6100004, "pid": "MD-4", "name": "Checkout", "parent_id": 6100001},
        {"id": 6100005, "pid": "MD-5", "name": "Payments", "parent_id": 6100004},
        {"id": 6100006, "pid": "MD-6", "name": "Requirements", "description": "What the shop must do"},
    ]
    # (module, name, automation content, steps): the nightly suite's tests.
    automated = [
        (6100002, "Sign in with valid credentials", "tests/accounts/test_signin.py::test_valid", ["Open sign-in", "Submit e-mail and password", "See the account page"]),
        (6100002, "Sign in with a wrong password", "tests/accounts/test_signin.py::test_wrong_password", ["Open sign-in", "Submit a wrong password"]),
        (6100002, "Reset a forgotten password", "tests/accounts/test_reset.py::test_reset_mail", ["Request a reset", "Follow the mailed link", "Set a new password"]),
        (6100003, "Search finds products by name", "tests/catalog/test_search.py::test_by_name", ["Search for 'lamp'", "See matching products"]),
        (6100003, "Search results page loads fast", "tests/catalog/test_search.py::test_latency", ["Search for 'a'", "Page loads within 2 s"]),
        (6100003, "Product page shows stock", "tests/catalog/test_product.py::test_stock", ["Open a product", "See the stock count"]),
        (6100004, "Add an item to the cart", "tests/checkout/test_cart.py::test_add", ["Open a product", "Add it to the cart", "Cart shows one item"]),
        (6100004, "Coupon lowers the total", "tests/checkout/test_cart.py::test_coupon", ["Add an item", "Apply coupon SAVE10", "Total is 10% lower"]),
        (6100004, "Empty cart shows a hint", "tests/checkout/test_cart.py::test_empty", ["Open the cart with no items"]),
        (6100005, "Pay by card", "tests/payments/test_card.py::test_pay", ["Enter a test card", "Confirm", "See the order number"]),
        (6100005, "Declined card shows an error", "tests/payments/test_card.py::test_declined", ["Enter a declined card", "See the error"]),
        (6100005, "Refund an order", "tests/payments/test_refund.py::test_full_refund", ["Open an order", "Refund it", "See the refund mail"]),
    ]
    manual = [
        (6100004, "Checkout on a phone", ["Open the shop on a phone", "Buy one item", "Receipt is readable"]),
        (6100005, "Pay with a gift card", ["Enter a gift card", "Pay the rest by card"]),
    ]
    cases = []
    case_id = 40000001
    automated_ids = []
    for module, name, content, steps in automated:
        cases.append({"id": case_id, "pid": f"TC-{case_id - 40000000}", "name": name, "parent_id": module, "version": "1.0",
                      "automation_content": content,
                      "properties": [{"field_id": 608943, "field_value": "711"}, {"field_id": 608944, "field_value": content}],
                      "test_steps": [{"description": s, "expected": "As described"} for s in steps]})
        automated_ids.append(case_id)
        case_id += 1
    manual_ids = []
    for module, name, steps in manual:
        cases.append({"id": case_id, "pid": f"TC-{case_id - 40000000}", "name": name, "parent_id": module, "version": "0.2",
                      "properties": [{"field_id": 608943, "field_value": "712"}],
                      "test_steps": [{"description": s, "expected": "Works"} for s in steps]})
        manual_ids.append(case_id)
        case_id += 1
    requirements = [
        {"id": 9100001, "pid": "RQ-1", "name": "Customers can sign in", "parent_id": 6100006, "linked_test_case_ids": automated_ids[0:3]},
        {"id": 9100002, "pid": "RQ-2", "name": "Customers find products", "parent_id": 6100006, "linked_test_case_ids": automated_ids[3:6]},
        {"id": 9100003, "pid": "RQ-3", "name": "Coupons lower the price", "parent_id": 6100006, "linked_test_case_ids": [automated_ids[7]]},
        {"id": 9100004, "pid": "RQ-4", "name": "Customers pay by card or gift card", "parent_id": 6100006,
         "linked_test_case_ids": automated_ids[9:11] + [manual_ids[1]]},
    ]
    releases = [{"id": 500001, "pid": "RL-1", "name": "Release 2.0", "description": "Spring release",
                 "start_date": "2026-01-05T00:00:00Z", "end_date": "2026-02-27T00:00:00Z",
                 "builds": [{"id": 510001, "pid": "BL-1", "name": "2.0.0-nightly"}]}]
    cycles, suites, runs, attachments, comments = [], [], [], [], []
    cycle_id, suite_id, run_id, log_id, attachment_id = 1200001, 2300001, 31000001, 86000001, 120001
    flaky = {automated_ids[4], automated_ids[9]}      # the latency check and card payment flip
    regression = automated_ids[7]                    # the coupon test breaks in sprint 3
    failing_runs = []
    days = ["2026-01-%02d" % d for d in (5, 6, 7, 8, 9, 12, 13, 14, 15, 16, 19, 20, 21, 22, 23)]
    for sprint in range(3):
        cycles.append({"id": cycle_id, "pid": f"CL-{cycle_id - 1200000}", "name": f"Sprint {sprint + 1}", "parent_type": "release",
                       "parent_id": 500001, "description": f"Nightly runs of sprint {sprint + 1}", "target_release_id": 500001,
                       "target_build_id": 510001})
        for night in range(5):
            day = days[sprint * 5 + night]
            number = sprint * 5 + night + 1
            suites.append({"id": suite_id, "pid": f"TS-{suite_id - 2300000}", "name": f"Nightly {day}", "parent_type": "test-cycle",
                           "parent_id": cycle_id})
            for order, case in enumerate(automated_ids):
                if case in flaky:
                    status = 602 if rng.random() < 0.4 else 601
                elif case == regression and sprint == 2 and night >= 1:
                    status = 602
                elif rng.random() < 0.04:
                    status = 603
                else:
                    status = 601
                steps = len(automated[order][3])
                step_statuses = [601] * steps if status == 601 else [601] * (steps - 1) + [status]
                start = f"{day}T02:{order * 3:02d}:00Z"
                end = f"{day}T02:{order * 3 + 1:02d}:{rng.randint(5, 55):02d}Z"
                log = {"id": log_id, "status_id": status, "exe_start_date": start, "exe_end_date": end, "tester_id": 10002,
                       "step_status_ids": step_statuses, "automation_content": automated[order][2],
                       "build_number": f"2.0.0-nightly.{number}", "build_url": f"https://ci.example.com/job/web-shop-nightly/{number}/"}
                if status == 602:
                    log["note"] = {regression: "AssertionError: total 90.00 != 81.00 (coupon SAVE10 ignored)",
                                   automated_ids[4]: "TimeoutError: results page took 2.7 s (limit 2 s)",
                                   automated_ids[9]: "Card sandbox answered 504 Gateway Timeout"}.get(case, "Assertion failed")
                    failing_runs.append(run_id)
                    # A screenshot and the test output, as an uploader attaches them.
                    attachments.append({"id": attachment_id, "object_type": "test-logs", "object_id": log_id,
                                        "name": f"screenshot-{number}.png", "content_type": "image/png", "author_id": 10002,
                                        "created_date": end, "data": b64(screenshot(log_id))})
                    attachments.append({"id": attachment_id + 1, "object_type": "test-logs", "object_id": log_id,
                                        "name": "pytest-output.txt", "content_type": "text/plain", "author_id": 10002,
                                        "created_date": end,
                                        "data": b64((f"=== {automated[order][2]} ===\n{log['note']}\n1 failed in 3.2s\n").encode())})
                    attachment_id += 2
                elif status == 603:
                    log["note"] = "Test runner killed: out of memory"
                runs.append({"id": run_id, "pid": f"TR-{run_id - 31000000}", "name": automated[order][1], "parent_type": "test-suite",
                             "parent_id": suite_id, "test_case_id": case,
                             "properties": [{"field_id": 608921, "field_value": "725" if case == regression else "723"}],
                             "test_logs": [log]})
                run_id += 1
                log_id += 1
            suite_id += 1
        cycle_id += 1
    # Manual regression: a few runs by a person, one blocked, one not run yet, one run twice.
    cycles.append({"id": cycle_id, "pid": f"CL-{cycle_id - 1200000}", "name": "Manual regression", "parent_type": "release",
                   "parent_id": 500001})
    suites.append({"id": suite_id, "pid": f"TS-{suite_id - 2300000}", "name": "Release checklist", "parent_type": "test-cycle",
                   "parent_id": cycle_id})
    manual_runs = [
        (manual_ids[0], [{"status_id": 602, "note": "Receipt cut off on small screens", "day": "2026-01-21"},
                         {"status_id": 601, "note": "Fixed in nightly.14", "day": "2026-01-22"}]),
        (manual_ids[1], [{"status_id": 604, "note": "Gift card service not deployed to staging", "day": "2026-01-22"}]),
        (automated_ids[11], []),
    ]
    for case, logs in manual_runs:
        entries = []
        for item in logs:
            entries.append({"id": log_id, "status_id": item["status_id"], "exe_start_date": item["day"] + "T14:00:00Z",
                            "exe_end_date": item["day"] + "T14:12:00Z", "tester_id": 10003, "note": item["note"],
                            "step_status_ids": [item["status_id"]] * (3 if case == manual_ids[0] else 2)})
            log_id += 1
        runs.append({"id": run_id, "pid": f"TR-{run_id - 31000000}", "name": next(c["name"] for c in cases if c["id"] == case),
                     "parent_type": "test-suite", "parent_id": suite_id, "test_case_id": case, "test_logs": entries})
        run_id += 1
    comments.append({"id": 300001, "object_type": "test-runs", "object_id": failing_runs[-1], "user_id": 10003,
                     "content": "Coupon handling broke with the new pricing service; see DF-1.",
                     "created_date": "2026-01-21T09:30:00Z", "updated_date": "2026-01-21T09:30:00Z"})
    regression_runs = [r["id"] for r in runs if r["test_case_id"] == regression and r["test_logs"] and r["test_logs"][-1]["status_id"] == 602]
    flaky_runs = [r["id"] for r in runs if r["test_case_id"] == automated_ids[4] and r["test_logs"][-1]["status_id"] == 602]
    defects = [
        {"id": 700100001, "pid": "DF-1", "submitter_id": 10003, "linked_test_run_ids": regression_runs,
         "properties": [{"field_id": 608970, "field_value": "Coupon SAVE10 is ignored at checkout"}, {"field_id": 608972, "field_value": "402"}]},
        {"id": 700100002, "pid": "DF-2", "submitter_id": 10003, "linked_test_run_ids": flaky_runs[:3],
         "properties": [{"field_id": 608970, "field_value": "Search results page is sometimes slower than 2 s"},
                        {"field_id": 608972, "field_value": "401"}]},
    ]
    last = days[-1]
    jobs = [{"id": 2000001, "type": "AUTOMATION_TEST_LOG", "state": "SUCCESS", "user_id": 10002,
             "content": json.dumps({"type": "automation", "message": "12 test logs submitted to Nightly " + last}),
             "content_type": "application/json", "created_date": last + "T02:40:00Z", "updated_date": last + "T02:40:03Z"}]
    project = {"id": 108781, "name": "Web Shop", "description": "Nightly automation of the web shop, release 2.0",
               "start_date": "2026-01-05T00:00:00Z", "status_id": 101, "automation": True,
               "uuid": "6f0e5d4c-3b2a-4918-8776-655443322110",
               "members": [{"user_id": 10001, "profile_id": 700003}, {"user_id": 10002, "profile_id": 700004},
                           {"user_id": 10003, "profile_id": 700004}],
               "fields": RUN_FIELDS + CASE_FIELDS + DEFECT_FIELDS,
               "modules": modules, "test_cases": cases, "requirements": requirements, "releases": releases,
               "test_cycles": cycles, "test_suites": suites, "test_runs": runs, "defects": defects,
               "comments": comments, "attachments": attachments, "jobs": jobs}
    return {"version": 1, "execution_statuses": STATUSES, "profiles": PROFILES, "users": users, "projects": [project]}


XSS = "<script>alert(1)</script>"


def hostile():
    """Every name the dashboard shows is markup; a page that renders any of it as markup fails
    the browser test (scripts/browser-test.sh) and the dashboard's Swift tests."""
    statuses = [dict(s) for s in STATUSES]
    statuses[2]["color"] = "red;}body{display:none}"         # a colour that is CSS: replaced, never written out
    statuses[3]["name"] = "Blocked <img src=x onerror=alert(2)>"
    cases = [
        {"id": 40000001, "pid": "TC-1", "name": XSS, "parent_id": 6100001, "version": "1.0",
         "automation_content": "\"><script>alert(3)</script>",
         "test_steps": [{"description": "<img src=x onerror=alert(4)>", "expected": "</li></ol><b>not bold</b>"}]},
        {"id": 40000002, "pid": "TC-2", "name": "Quotes ' \" and & ampersands", "parent_id": 6100001, "version": "0.1"},
    ]
    runs = [
        {"id": 31000001, "pid": "TR-1", "name": XSS, "parent_type": "test-suite", "parent_id": 2300001, "test_case_id": 40000001,
         "test_logs": [{"id": 86000001, "status_id": 602, "exe_start_date": "2026-01-05T02:00:00Z", "exe_end_date": "2026-01-05T02:01:00Z",
                        "tester_id": 10001, "note": "<script>alert(5)</script>", "build_url": "javascript:alert(6)",
                        "build_number": "<b>7</b>", "step_status_ids": [602]}]},
        {"id": 31000002, "pid": "TR-2", "name": "Blocked by \"quotes\"", "parent_type": "test-suite", "parent_id": 2300001,
         "test_case_id": 40000002, "test_logs": [{"id": 86000002, "status_id": 604, "exe_start_date": "2026-01-05T02:02:00Z",
                                                 "exe_end_date": "2026-01-05T02:03:00Z", "tester_id": 10001}]},
        {"id": 31000003, "pid": "TR-3", "name": "Incomplete with a colour that is CSS", "parent_type": "test-suite",
         "parent_id": 2300001, "test_case_id": 40000002,
         "test_logs": [{"id": 86000003, "status_id": 603, "exe_start_date": "2026-01-05T02:04:00Z", "exe_end_date": "2026-01-05T02:05:00Z"}]},
    ]
    attachments = [
        {"id": 120001, "object_type": "test-logs", "object_id": 86000001, "name": "<img src=x onerror=alert(8)>.html",
         "content_type": "text/html", "author_id": 10001, "created_date": "2026-01-05T02:01:00Z",
         "data": b64(b"<script>alert(9)</script>")},
        {"id": 120002, "object_type": "test-logs", "object_id": 86000001, "name": "vector.svg", "content_type": "image/svg+xml",
         "author_id": 10001, "created_date": "2026-01-05T02:01:00Z",
         "data": b64(b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(10)"><script>alert(11)</script></svg>')},
    ]
    project = {"id": 108781, "name": "<b>Bold</b> & \"quoted\" 'project'", "description": "<script>alert(12)</script>",
               "start_date": "2026-01-05T00:00:00Z", "status_id": 101,
               "members": [{"user_id": 10001, "profile_id": 700003}],
               "modules": [{"id": 6100001, "pid": "MD-1", "name": "\"><svg onload=alert(13)>"}],
               "test_cases": cases,
               "releases": [{"id": 500001, "pid": "RL-1", "name": "</summary></details><script>alert(14)</script>"}],
               "test_cycles": [{"id": 1200001, "pid": "CL-1", "name": "<!-- not a comment -->", "parent_type": "release",
                                "parent_id": 500001}],
               "test_suites": [{"id": 2300001, "pid": "TS-1", "name": "<iframe src=\"javascript:alert(15)\"></iframe>",
                                "parent_type": "test-cycle", "parent_id": 1200001}],
               "test_runs": runs, "attachments": attachments,
               "jobs": [{"id": 2000001, "type": "AUTOMATION_TEST_LOG", "state": "FAILED", "user_id": 10001,
                         "content": "Test case <script>alert(16)</script> does not exist", "content_type": "text/plain",
                         "created_date": "2026-01-05T02:10:00Z", "updated_date": "2026-01-05T02:10:01Z"}]}
    return {"version": 1, "execution_statuses": statuses, "profiles": PROFILES, "users": [ADMIN], "projects": [project]}


if __name__ == "__main__":
    write("nightly.json", nightly())
    write("hostile-names.json", hostile())
