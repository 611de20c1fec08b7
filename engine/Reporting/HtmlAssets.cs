namespace Sec08Policy.Engine.Reporting;

/// <summary>The styles, the page skeleton and the script of the HTML report, inline so the file needs nothing else.</summary>
internal static class HtmlAssets
{
    public const string Style = """
        :root { --fail: #c62828; --unknown: #b7791f; --waived: #00838f; --pass: #2e7d32; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; }
        * { box-sizing: border-box; }
        body { margin: 0; padding: 0 24px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #f6f8fa; }
        header h1 { font-size: 20px; margin: 20px 0 4px; }
        header p { margin: 0 0 16px; color: var(--muted); }
        h2 { font-size: 16px; margin: 24px 0 8px; }
        .kpis { display: flex; flex-wrap: wrap; gap: 12px; }
        .kpi { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; min-width: 180px; }
        .kpi .figure { font-size: 26px; font-weight: 600; }
        .kpi .label { font-weight: 600; }
        .kpi .detail { color: var(--muted); font-size: 12px; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; }
        .chart { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; }
        .chart svg { width: 100%; height: auto; max-width: 760px; display: block; }
        #chart-framework { grid-column: 1 / -1; }
        .chart h3 { font-size: 14px; margin: 12px 0 4px; }
        .chart h2 { margin-top: 0; }
        .legend span { display: inline-block; margin-right: 12px; font-size: 12px; }
        .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
        .filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; margin: 8px 0; }
        .filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); }
        .filters select { font: inherit; padding: 4px; min-width: 140px; }
        table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); }
        th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
        th { background: #eef1f4; font-size: 12px; }
        td.pos { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 12px; white-space: nowrap; }
        .verdict { font-weight: 600; text-transform: uppercase; font-size: 12px; }
        .verdict.fail { color: var(--fail); } .verdict.unknown { color: var(--unknown); } .verdict.waived { color: var(--waived); } .verdict.pass { color: var(--pass); }
        .pager { display: flex; gap: 8px; align-items: center; margin: 8px 0; }
        .pager button { font: inherit; padding: 2px 10px; }
        .muted { color: var(--muted); }
        .input-errors { background: #fff; border: 1px solid var(--fail); border-left-width: 4px; border-radius: 6px; padding: 4px 16px; margin-bottom: 16px; }
        .input-errors h2 { color: var(--fail); }
        """;

    public const string Body = """
        <section class="charts" id="charts">
        <div class="chart" id="chart-classification"><h2>By classification</h2></div>
        <div class="chart" id="chart-service"><h2>By service</h2></div>
        <div class="chart" id="chart-framework"><h2>By framework</h2></div>
        </section>
        <h2>Findings</h2>
        <div class="filters">
        <label>Severity<select id="filter-severity"></select></label>
        <label>Verdict<select id="filter-verdict"></select></label>
        <label>Rule<select id="filter-rule"></select></label>
        <label>Service<select id="filter-service"></select></label>
        </div>
        <div class="pager"><button id="page-previous" type="button">previous</button><span id="page-status"></span><button id="page-next" type="button">next</button></div>
        <table id="findings"><thead><tr><th>verdict</th><th>severity</th><th>rule</th><th>resource</th><th>service</th><th>classification</th><th>why</th><th>input</th><th>policy</th></tr></thead><tbody></tbody></table>

        """;

    public const string Script = """
        (function () {
          'use strict';
          var data = JSON.parse(document.getElementById('sec08-data').textContent);
          var S = data.strings, R = data.rules, X = data.resources, F = data.findings, W = data.waivers;
          var VERDICTS = ['fail', 'unknown', 'waived', 'pass'];
          var SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'];
          var PAGE = 200;
          var SVG = 'http://www.w3.org/2000/svg';

          function node(tag, text, cls) {
            var e = document.createElement(tag);
            if (text !== undefined && text !== null) { e.textContent = text; }
            if (cls) { e.className = cls; }
            return e;
          }
          function svg(tag, attrs, text) {
            var e = document.createElementNS(SVG, tag);
            for (var k in attrs) { e.setAttribute(k, attrs[k]); }
            if (text !== undefined) { e.textContent = text; }
            return e;
          }
          function colour(v) { return getComputedStyle(document.documentElement).getPropertyValue('--' + v).trim(); }

          // Horizontal stacked bars: rows of [label, fail, unknown, waived, pass], with a legend and a total per row.
          function stacked(container, rows, note) {
            var legend = node('div', null, 'legend');
            VERDICTS.forEach(function (v) { var s = node('span', v); var i = node('i'); i.style.background = colour(v); s.insertBefore(i, s.firstChild); legend.appendChild(s); });
            container.appendChild(legend);
            if (rows.length === 0) { container.appendChild(node('p', 'nothing to show', 'muted')); return; }
            var labelWidth = 170, barWidth = 360, height = 22, max = 1;
            rows.forEach(function (r) { max = Math.max(max, r[1] + r[2] + r[3] + r[4]); });
            var width = labelWidth + barWidth + 100, tall = rows.length * height + 4;
            var chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + tall, width: width, height: tall, role: 'img', 'aria-label': container.querySelector('h2').textContent });
            rows.forEach(function (r, i) {
              var y = i * height + 2, x = labelWidth, total = r[1] + r[2] + r[3] + r[4];
              chart.appendChild(svg('text', { x: 0, y: y + 14, 'font-size': 12 }, r[0].length > 26 ? r[0].slice(0, 25) + '\u2026' : r[0]));
              for (var v = 0; v < 4; v++) {
                var w = r[v + 1] / max * barWidth;
                if (w > 0) {
                  var bar = svg('rect', { x: x, y: y, width: Math.max(w, 1), height: height - 6, fill: colour(VERDICTS[v]), 'class': 'bar ' + VERDICTS[v] });
                  bar.appendChild(svg('title', {}, r[0] + ': ' + r[v + 1] + ' ' + VERDICTS[v]));
                  chart.appendChild(bar);
                  x += w;
                }
              }
              chart.appendChild(svg('text', { x: labelWidth + barWidth + 6, y: y + 14, 'font-size': 12 }, note ? note(r, total) : String(total)));
            });
            container.appendChild(chart);
          }

          stacked(document.getElementById('chart-classification'), data.byClassification);
          stacked(document.getElementById('chart-service'), data.byService);
          var frameworks = document.getElementById('chart-framework');
          if (data.compliance.length === 0) { frameworks.appendChild(node('p', 'the policy maps no rule to a compliance framework', 'muted')); }
          data.compliance.forEach(function (f) {
            var share = f.assessed === 0 ? 'not assessed' : Math.round(f.fullyPassing / f.assessed * 1000) / 10 + '% of ' + f.assessed + ' controls fully passing';
            frameworks.appendChild(node('h3', f.title + ': ' + share));
            stacked(frameworks, f.controls.map(function (c) { return [f.framework + ' ' + c[0], c[1], c[2], c[3], c[4]]; }), function (r, total) { return total + ' resources'; });
          });

          function options(select, entries) {
            entries.forEach(function (e) { var o = node('option', e[1]); o.value = e[0]; select.appendChild(o); });
          }
          var fSeverity = document.getElementById('filter-severity'), fVerdict = document.getElementById('filter-verdict');
          var fRule = document.getElementById('filter-rule'), fService = document.getElementById('filter-service');
          options(fSeverity, [['', 'any']].concat(SEVERITIES.slice().reverse().map(function (s) { return [String(SEVERITIES.indexOf(s)), s]; })));
          options(fVerdict, [['problems', 'fail, unknown, waived'], ['', 'any']].concat(VERDICTS.map(function (v, i) { return [String(i), v]; })));
          options(fRule, [['', 'any']].concat(R.map(function (r, i) { return [String(i), r[0]]; })));
          var services = {};
          X.forEach(function (x) { services[S[x[2]]] = x[2]; });
          options(fService, [['', 'any']].concat(Object.keys(services).sort().map(function (s) { return [String(services[s]), s]; })));

          var matches = [], page = 0;
          function filter() {
            var severity = fSeverity.value === '' ? -1 : +fSeverity.value;
            var verdict = fVerdict.value, rule = fRule.value === '' ? -1 : +fRule.value, service = fService.value === '' ? -1 : +fService.value;
            matches = [];
            for (var i = 0; i < F.length; i += 5) {
              var v = F[i + 2];
              if (verdict === 'problems' ? v === 3 : verdict !== '' && v !== +verdict) { continue; }
              if (rule >= 0 && F[i] !== rule) { continue; }
              if (severity >= 0 && R[F[i]][1] !== severity) { continue; }
              if (service >= 0 && X[F[i + 1]][2] !== service) { continue; }
              matches.push(i);
            }
            page = 0;
            render();
          }
          function position(file, line, column) { return S[file] + '(' + line + ',' + column + ')'; }
          function render() {
            var body = document.querySelector('#findings tbody');
            body.textContent = '';
            var start = page * PAGE, end = Math.min(matches.length, start + PAGE);
            for (var m = start; m < end; m++) {
              var i = matches[m], r = R[F[i]], x = X[F[i + 1]], v = VERDICTS[F[i + 2]];
              var tr = node('tr');
              tr.appendChild(node('td', v, 'verdict ' + v));
              tr.appendChild(node('td', SEVERITIES[r[1]]));
              var ruleCell = node('td', r[0]);
              ruleCell.title = r[3] + (r[7] ? ' (' + r[7] + ')' : '');
              tr.appendChild(ruleCell);
              tr.appendChild(node('td', x[0] + ' (' + S[x[1]] + ')'));
              tr.appendChild(node('td', S[x[2]]));
              tr.appendChild(node('td', x[6] >= 0 ? S[x[6]] : ''));
              var why = F[i + 3] >= 0 ? S[F[i + 3]] : '';
              var w = F[i + 4];
              if (w >= 0) { var waiver = W[w >> 1]; why += (why ? '; ' : '') + ((w & 1) ? 'waiver ' + waiver[0] + ' expired on ' + waiver[1] : 'waived by ' + waiver[0] + ' until ' + waiver[1]); }
              tr.appendChild(node('td', why));
              tr.appendChild(node('td', position(x[3], x[4], x[5]), 'pos'));
              tr.appendChild(node('td', position(r[4], r[5], r[6]), 'pos'));
              body.appendChild(tr);
            }
            document.getElementById('page-status').textContent = matches.length === 0 ? 'no finding matches' : 'findings ' + (start + 1) + '\u2013' + end + ' of ' + matches.length;
            document.getElementById('page-previous').disabled = page === 0;
            document.getElementById('page-next').disabled = end >= matches.length;
          }
          [fSeverity, fVerdict, fRule, fService].forEach(function (s) { s.addEventListener('change', filter); });
          document.getElementById('page-previous').addEventListener('click', function () { page--; render(); });
          document.getElementById('page-next').addEventListener('click', function () { page++; render(); });
          filter();
          document.body.setAttribute('data-ready', 'true');
        })();
        """;
}
