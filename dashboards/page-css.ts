/**
 * The stylesheet of every dashboard page, inlined in its head (one request per page, no
 * assets to serve). Every text colour keeps a contrast of at least 4.5:1 on its background
 * (WCAG 2.1 AA); the page reflows down to 320 px, and wide tables scroll in their own box
 * (`.table-scroll`) instead of the page.
 */
export const PAGE_CSS = `
:root { --fg:#1d1d1f; --muted:#5f6368; --line:#d6d6d6; --bg:#fafafa; --accent:#1565c0; --warn:#a34700; --bad:#c62828; --ok:#2e7d32; --focus:#0b57d0; }
* { box-sizing: border-box; }
body { margin:0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--fg); background:var(--bg); overflow-wrap:anywhere; }
.skip { position:absolute; left:8px; top:-60px; background:#fff; color:var(--accent); padding:8px 12px; border-radius:4px; z-index:10; font-weight:600; }
.skip:focus { top:8px; }
:focus-visible { outline:3px solid var(--focus); outline-offset:2px; }
header :focus-visible, .skip:focus-visible { outline-color:#ffd54f; }
header { background:#0d3b66; color:#fff; padding:12px 24px; display:flex; flex-wrap:wrap; gap:4px 16px; align-items:baseline; }
header a { color:#fff; text-decoration:none; font-weight:700; font-size:20px; }
header a:hover { text-decoration:underline; }
header span { color:#c7d3df; }
header nav { margin-left:auto; display:flex; flex-wrap:wrap; gap:4px 12px; }
header nav a { font-size:14px; font-weight:400; }
main { max-width:1180px; margin:0 auto; padding:20px 24px 60px; }
main:focus { outline:none; }
h1 { font-size:26px; margin:8px 0 4px; } h2 { font-size:19px; margin:28px 0 10px; }
.muted { color:var(--muted); }
.cards { display:grid; grid-template-columns:repeat(auto-fit,minmax(140px,1fr)); gap:12px; margin:16px 0; }
.card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:12px 14px; min-width:0; }
.card .label { color:var(--muted); font-size:13px; }
.card .value { font-size:28px; font-weight:700; }
.table-scroll { max-width:100%; overflow-x:auto; border:1px solid var(--line); border-radius:8px; background:#fff; }
table { width:100%; border-collapse:collapse; background:#fff; overflow-wrap:normal; }
th, td { text-align:left; padding:8px 10px; border-bottom:1px solid var(--line); vertical-align:top; }
th { background:#f1f3f4; font-size:13px; color:var(--muted); font-weight:600; }
td.num, th.num { text-align:right; font-variant-numeric: tabular-nums; }
.score { display:inline-block; min-width:40px; text-align:center; border-radius:4px; padding:1px 6px; font-weight:700; font-variant-numeric: tabular-nums; }
.band-top { background:#c8e6c9; color:#1b5e20; } .band-good { background:#dcedc8; color:#33691e; }
.band-fair { background:#fff1b8; color:#5c4300; } .band-poor { background:#ffe0b2; color:#8a3800; }
.band-bad { background:#ffcdd2; color:#8e0000; } .band-none { background:#eeeeee; color:#424242; }
.sev-error { color:var(--bad); font-weight:600; } .sev-warning { color:var(--warn); font-weight:600; } .sev-info { color:var(--muted); }
.state-broken { color:var(--bad); font-weight:600; } .state-degraded { color:var(--warn); font-weight:600; } .state-ok { color:var(--ok); }
.hint { color:#2d4a22; background:#eef6ea; border-radius:4px; padding:2px 6px; display:inline-block; margin-top:4px; }
a { color:var(--accent); }
code { font-size:13px; background:#f1f3f4; padding:1px 4px; border-radius:3px; word-break:break-all; }
td code { word-break:normal; white-space:nowrap; }
.empty { background:#fff; border:1px dashed var(--line); padding:24px; border-radius:8px; }
details.problem-group { background:#fff; border:1px solid var(--line); border-radius:8px; padding:8px 12px; margin:8px 0; }
details.problem-group summary { cursor:pointer; font-weight:600; }
.gain { color:var(--ok); white-space:nowrap; }
.paging { display:flex; flex-wrap:wrap; gap:12px; align-items:center; margin:12px 0; }
svg.chart { display:block; max-width:100%; height:auto; }
h3 { font-size:16px; margin:16px 0 8px; }
.charts { display:grid; grid-template-columns:repeat(auto-fit,minmax(min(100%,420px),1fr)); gap:0 16px; }
.charts h3 { margin-top:12px; }
.card.distribution { margin-bottom:14px; } .card.distribution h3 { margin-top:0; }
.search { display:flex; flex-wrap:wrap; gap:8px; align-items:center; margin:8px 0; }
.search input { font:inherit; padding:6px 8px; border:1px solid #767676; border-radius:4px; min-width:0; flex:1 1 200px; max-width:360px; }
.search button { font:inherit; padding:6px 14px; border:1px solid var(--accent); background:var(--accent); color:#fff; border-radius:4px; cursor:pointer; }
th a { color:inherit; } th[aria-sort] a { color:var(--fg); }
ul.findings { margin:0; padding-left:18px; }
table.wide { min-width:640px; } table.wide td.when { white-space:nowrap; }
caption { text-align:left; padding:6px 10px; }
.status-fail { color:var(--bad); font-weight:600; } .status-warn { color:var(--warn); font-weight:600; } .status-pass { color:var(--ok); }
pre.snippet { background:#f1f3f4; border:1px solid var(--line); border-radius:6px; padding:10px 12px; white-space:pre-wrap; overflow-wrap:anywhere; margin:4px 0 12px; }
pre.snippet code { background:none; padding:0; word-break:break-all; }
details.chart-data { margin-top:8px; } details.chart-data summary { cursor:pointer; color:var(--accent); }
table.hvd { overflow-wrap:anywhere; } table.hvd td:first-child { width:34%; } table.hvd td:nth-child(2) { white-space:nowrap; }
@media (max-width: 600px) {
  header { padding:10px 12px; } main { padding:12px 12px 40px; }
  table.hvd thead { display:none; } table.hvd tr, table.hvd td { display:block; width:auto; }
  table.hvd td { border-bottom:none; padding:4px 10px; } table.hvd tr { border-bottom:1px solid var(--line); padding:6px 0; }
  table.hvd td:first-child { font-weight:600; width:auto; }
  h1 { font-size:22px; } .card .value { font-size:22px; }
  header nav { margin-left:0; }
}
`
