/** The stylesheet of every dashboard page, inlined in its head (one request per page, no assets to serve). */
export const PAGE_CSS = `
:root { --fg:#1d1d1f; --muted:#5f6368; --line:#e3e3e3; --bg:#fafafa; --accent:#1565c0; }
* { box-sizing: border-box; }
body { margin:0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--fg); background:var(--bg); }
header { background:#0d3b66; color:#fff; padding:12px 24px; display:flex; gap:16px; align-items:baseline; }
header a { color:#fff; text-decoration:none; font-weight:700; font-size:20px; }
header span { opacity:.8; }
header nav { margin-left:auto; }
header nav a { font-size:14px; font-weight:400; opacity:.9; margin-left:12px; }
main { max-width:1180px; margin:0 auto; padding:20px 24px 60px; }
h1 { font-size:26px; margin:8px 0 4px; } h2 { font-size:19px; margin:28px 0 10px; }
.muted { color:var(--muted); }
.cards { display:grid; grid-template-columns:repeat(auto-fit,minmax(150px,1fr)); gap:12px; margin:16px 0; }
.card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:12px 14px; }
.card .label { color:var(--muted); font-size:13px; }
.card .value { font-size:28px; font-weight:700; }
table { width:100%; border-collapse:collapse; background:#fff; border:1px solid var(--line); border-radius:8px; overflow:hidden; }
th, td { text-align:left; padding:8px 10px; border-bottom:1px solid var(--line); vertical-align:top; }
th { background:#f1f3f4; font-size:13px; color:var(--muted); font-weight:600; }
td.num, th.num { text-align:right; font-variant-numeric: tabular-nums; }
.score { display:inline-block; min-width:40px; text-align:center; border-radius:4px; padding:1px 6px; color:#fff; font-weight:600; font-variant-numeric: tabular-nums; }
.sev-error { color:#c62828; font-weight:600; } .sev-warning { color:#ef6c00; font-weight:600; } .sev-info { color:var(--muted); }
.state-broken { color:#c62828; font-weight:600; } .state-degraded { color:#ef6c00; font-weight:600; } .state-ok { color:#2e7d32; }
.hint { color:#2d4a22; background:#eef6ea; border-radius:4px; padding:2px 6px; display:inline-block; margin-top:4px; }
a { color:var(--accent); }
code { font-size:13px; background:#f1f3f4; padding:1px 4px; border-radius:3px; word-break:break-all; }
.empty { background:#fff; border:1px dashed var(--line); padding:24px; border-radius:8px; }
`
