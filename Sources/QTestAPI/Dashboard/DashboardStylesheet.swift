/// The dashboard's stylesheet (`ui/dashboard.css`), compiled into the binary. Status colours
/// come from `ui/statuses.css` (``StatusStyles``) through the `--status` property.
enum DashboardStylesheet {
    static let source = #"""
:root { --ink: #1d2433; --muted: #667085; --line: #e4e7ec; --panel: #ffffff; --page: #f5f6f8; --accent: #2f6fde; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: var(--page); }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
header { background: #1d2433; color: #fff; }
header nav { display: flex; gap: 18px; align-items: center; padding: 10px 20px; max-width: 1280px; margin: 0 auto; }
header nav a { color: #d0d5dd; }
header nav a.here { color: #fff; font-weight: 600; }
header .brand { color: #fff; font-weight: 700; margin-right: 8px; }
header .live { margin-left: auto; border: 1px solid #3d4b66; background: transparent; color: #7ee08a; border-radius: 12px; padding: 2px 10px; cursor: pointer; font: inherit; }
header .live::before { content: "\25CF  "; }
header .live.paused { color: #d0d5dd; }
header .live.stale { color: #f5a623; }
.tools, main, footer { max-width: 1280px; margin: 0 auto; padding: 0 20px; }
.tools { padding-top: 14px; }
main { padding-bottom: 24px; }
footer { color: var(--muted); font-size: 12px; padding-bottom: 20px; }
h1 { font-size: 20px; margin: 16px 0 6px; }
h2 { font-size: 16px; margin: 22px 0 8px; }
.crumbs { color: var(--muted); margin-top: 14px; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; margin: 10px 0; }
table { border-collapse: collapse; width: 100%; background: var(--panel); }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
pre { white-space: pre-wrap; word-break: break-word; background: #f0f2f5; padding: 8px; border-radius: 6px; margin: 6px 0; max-height: 420px; overflow: auto; font-size: 12px; }
code, .pid { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
.pid { color: var(--muted); }
.muted { color: var(--muted); }
.dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; background: var(--status, #9aa0a6); vertical-align: baseline; }
.chip { display: inline-flex; align-items: center; gap: 4px; margin-right: 10px; white-space: nowrap; }
.chip::before { content: ""; width: 10px; height: 10px; border-radius: 3px; background: var(--status, #9aa0a6); }
.status { font-weight: 600; color: var(--status, #9aa0a6); }
.bar { width: 160px; height: 8px; border-radius: 4px; background: #e9ecf1; vertical-align: middle; }
.bar rect { fill: var(--status, #9aa0a6); }
.tree, .tree ul { list-style: none; margin: 0; padding-left: 18px; }
.tree { padding-left: 0; }
.tree details > summary { cursor: pointer; padding: 3px 0; }
.tree summary .name { font-weight: 600; }
.tree summary .kind { display: inline-block; min-width: 22px; font-size: 11px; color: #fff; background: #7a869a; border-radius: 4px; padding: 0 4px; margin-right: 4px; text-align: center; }
.tree summary .kind.release { background: #2f6fde; }
.tree summary .kind.cycle { background: #7b61ff; }
.tree summary .kind.suite { background: #0f9d8a; }
.tree summary .kind.module { background: #b7791f; }
.tree summary .counts { margin-left: 8px; }
.runs { list-style: none; margin: 2px 0 6px; padding-left: 22px; }
.runs li { padding: 1px 0; }
.more { padding-left: 22px; }
.steps { margin: 4px 0 8px 22px; }
table.steps { margin: 8px 0; }
table.properties th { width: 240px; }
.log { border-left: 4px solid var(--status, #9aa0a6); }
.log h3 { margin: 0 0 6px; font-size: 15px; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 6px 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
.files { display: flex; flex-wrap: wrap; gap: 10px; margin-top: 8px; }
.files figure { margin: 0; }
.files img { max-width: 360px; max-height: 240px; border: 1px solid var(--line); border-radius: 6px; display: block; }
.files figcaption { font-size: 12px; color: var(--muted); }
.state { font-weight: 600; }
.state.SUCCESS, .http2, .delivered { color: #2e9e48; }
.state.FAILED, .http5, .failed { color: #d92d20; }
.state.IN_WAITING, .state.PENDING, .http3, .pending { color: #667085; }
.state.IN_PROCESSING, .http4 { color: #dc6803; }
form.filter { display: flex; gap: 8px; flex-wrap: wrap; align-items: end; }
form.filter label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); }
input, select, button { font: inherit; }
input[type=text], input[type=password], select { padding: 4px 6px; border: 1px solid #c9ced6; border-radius: 6px; }
button { padding: 4px 12px; border-radius: 6px; border: 1px solid #c9ced6; background: #fff; cursor: pointer; }
button.danger { border-color: #d92d20; color: #d92d20; }
button:disabled { opacity: .5; }
.actions { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
.notice { margin: 8px 0; padding: 6px 10px; border-radius: 6px; }
.notice:empty { display: none; }
.notice.ok { background: #e8f6ec; color: #1f7a38; }
.notice.error { background: #fdecea; color: #b42318; }
.pages { margin: 10px 0; display: flex; gap: 12px; }
.error-page { margin-top: 30px; }
"""#
}
