/*
 * Builds the ValueMeter HTML report from the JSON document in <script id="report-data">, which is
 * exactly what `valuemeter report --format json` writes (docs/report-json.md).
 *
 * Every number in a table is a <span> with data-field (its JSON path, such as
 * "groups[3].costUsd"), data-value (its text in the JSON document) and data-format (how it is
 * shown: usd, usd-exact, percent, count or plain, as the terminal table shows them). Numbers are
 * formatted from their JSON text with decimal arithmetic, never through a binary float, so a cell
 * shows the same digits as the terminal table. Charts plot the parsed numbers.
 *
 * Sections that the document lacks are skipped, and top-level fields this script does not know
 * are drawn generically, so that fields added to the JSON later still appear.
 *
 * When everything is drawn, document.body.dataset.ready is "true"; after an error it is "error".
 */
(function () {
  'use strict';

  const TIME_DIMENSIONS = ['hour', 'day', 'week', 'month'];

  /** Top-level fields that have a section of their own. Any other field is drawn generically. */
  const KNOWN_FIELDS = new Set([
    'schemaVersion', 'currency', 'prices', 'groupBy', 'timeZone', 'since', 'until', 'totals',
    'groups', 'unpricedModels', 'recordsWithoutTime', 'recordsOutsidePeriod', 'records',
    'keyMetrics', 'triggers', 'verdict', 'advice',
  ]);

  /** SUMMARY fields of each group table, in column order. Fields not listed go to "More metrics". */
  const SUMMARY_TABLES = [
    {
      id: 'groups-cost',
      title: 'Cost and outcomes',
      fields: ['calls', 'costUsd', 'tasks', 'successes', 'pricedSuccesses', 'successRate',
        'costPerSuccessUsd', 'successValueUsd', 'valuePerTokenUsd'],
    },
    {
      id: 'groups-tokens',
      title: 'Tokens by bucket',
      fields: ['tokens.input', 'tokens.cacheRead', 'tokens.cacheWrite5m', 'tokens.cacheWrite1h',
        'tokens.output', 'tokens.reasoning', 'tokens.total'],
    },
    {
      id: 'groups-pricing',
      title: 'Pricing checks',
      fields: ['pricedCalls', 'unpricedCalls', 'reportedCostUsd', 'reportedCostCalls',
        'reportedCostMismatches', 'aggregateCallsAtBaseRates', 'longContextCalls'],
    },
  ];

  const LABELS = {
    calls: 'calls',
    pricedCalls: 'priced calls',
    unpricedCalls: 'unpriced calls',
    costUsd: 'cost',
    reportedCostUsd: 'reported cost',
    reportedCostCalls: 'calls with reported cost',
    reportedCostMismatches: 'reported cost mismatches',
    aggregateCallsAtBaseRates: 'aggregate rows at base rates',
    longContextCalls: 'long-context calls',
    tasks: 'tasks',
    successes: 'successes',
    pricedSuccesses: 'priced successes',
    successRate: 'success rate',
    costPerSuccessUsd: 'cost per success',
    successValueUsd: 'success value',
    valuePerTokenUsd: 'value per token',
    'tokens.input': 'input',
    'tokens.cacheRead': 'cache read',
    'tokens.cacheWrite5m': 'cache write 5m',
    'tokens.cacheWrite1h': 'cache write 1h',
    'tokens.output': 'output',
    'tokens.reasoning': 'reasoning',
    'tokens.total': 'total',
  };

  const PALETTE = ['#3366cc', '#dc7633', '#28a36a', '#a04fb8', '#c0392b', '#1f9bb5', '#b7950b',
    '#5d6d7e', '#e84393', '#16a085'];

  const charts = [];

  // ---------------------------------------------------------------------------------------------
  // JSON with number text

  /** For each parsed object or array, the JSON text of its number members, by member name. */
  const numberSources = new WeakMap();

  /**
   * Parses the report and records the JSON text of every number, because a double cannot hold
   * every exact decimal the report writes. The reviver's third argument (the "JSON.parse source
   * text access" proposal, in Chromium since version 114) supplies that text.
   */
  function parseReport(text) {
    return JSON.parse(text, function (key, value, context) {
      if (typeof value === 'number') {
        let sources = numberSources.get(this);
        if (!sources) {
          sources = Object.create(null);
          numberSources.set(this, sources);
        }
        // NOTE: a browser without source text access falls back to the double's shortest text,
        // which drops digits beyond about 17 significant ones.
        sources[key] = context && typeof context.source === 'string' ? context.source : String(value);
      }
      return value;
    });
  }

  /** Returns the JSON text of the number holder[key]. */
  function numberText(holder, key) {
    const sources = numberSources.get(holder);
    const text = sources ? sources[String(key)] : undefined;
    return text !== undefined ? text : String(holder[key]);
  }

  /** Returns the JSON path of holder[key] when holder is at basePath, such as "groups[3]". */
  function childPath(basePath, key) {
    if (typeof key === 'number') {
      return basePath + '[' + key + ']';
    }
    if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)) {
      return basePath ? basePath + '.' + key : key;
    }
    return basePath + '[' + JSON.stringify(key) + ']';
  }

  /** Returns the object that contains the last member of a dotted path, and that member's name. */
  function holderAt(obj, dottedPath) {
    const names = dottedPath.split('.');
    let holder = obj;
    for (let i = 0; i < names.length - 1; i++) {
      holder = holder == null ? undefined : holder[names[i]];
    }
    return { holder: holder, key: names[names.length - 1] };
  }

  // ---------------------------------------------------------------------------------------------
  // Decimal formatting, matching io.valuemeter.report.Amounts

  /** Parses a JSON number's text into {negative, unscaled: BigInt, scale}, or returns null. */
  function parseDecimal(text) {
    const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
    if (!match) {
      return null;
    }
    const fraction = match[3] || '';
    return {
      negative: match[1] === '-',
      unscaled: BigInt(match[2] + fraction),
      scale: fraction.length - Number(match[4] || 0),
    };
  }

  /** Rounds half to even to at most `scale` decimal places, like BigDecimal.setScale. */
  function roundHalfEven(decimal, scale) {
    if (decimal.scale <= scale) {
      return decimal;
    }
    const divisor = 10n ** BigInt(decimal.scale - scale);
    let quotient = decimal.unscaled / divisor;
    const twiceRemainder = (decimal.unscaled % divisor) * 2n;
    if (twiceRemainder > divisor || (twiceRemainder === divisor && quotient % 2n === 1n)) {
      quotient += 1n;
    }
    return { negative: decimal.negative, unscaled: quotient, scale: scale };
  }

  function movePointRight(decimal, places) {
    return { negative: decimal.negative, unscaled: decimal.unscaled, scale: decimal.scale - places };
  }

  /** Returns the decimal with exactly `scale` decimal places; it must have at most that many. */
  function fixedText(decimal, scale) {
    let unscaled = decimal.unscaled * 10n ** BigInt(Math.max(0, scale - decimal.scale));
    let digits = unscaled.toString();
    if (scale > 0) {
      digits = digits.padStart(scale + 1, '0');
      digits = digits.slice(0, -scale) + '.' + digits.slice(-scale);
    }
    // Like BigDecimal, zero has no sign.
    return (decimal.negative && unscaled !== 0n ? '-' : '') + digits;
  }

  /** Returns the decimal without exponent and without trailing zeros, like Amounts.plain. */
  function plainText(decimal) {
    let unscaled = decimal.unscaled;
    let scale = decimal.scale;
    while (scale > 0 && unscaled % 10n === 0n) {
      unscaled /= 10n;
      scale--;
    }
    return fixedText({ negative: decimal.negative, unscaled: unscaled, scale: scale },
      Math.max(scale, 0));
  }

  function groupThousands(integerText) {
    const negative = integerText.startsWith('-');
    const digits = negative ? integerText.slice(1) : integerText;
    return (negative ? '-' : '') + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  }

  /**
   * Formats a JSON number's text as the terminal table does: usd is rounded half-even to six
   * decimals, usd-exact and plain keep every digit, percent has one decimal, count has commas.
   */
  function formatNumberText(text, format) {
    const decimal = parseDecimal(text);
    if (decimal === null) {
      return text;
    }
    switch (format) {
      case 'usd':
        return '$' + plainText(roundHalfEven(decimal, 6));
      case 'usd-exact':
        return '$' + plainText(decimal);
      case 'percent':
        return fixedText(roundHalfEven(movePointRight(decimal, 2), 1), 1) + '%';
      case 'count':
        return decimal.scale <= 0 ? groupThousands(plainText(decimal)) : plainText(decimal);
      default:
        return plainText(decimal);
    }
  }

  /**
   * Chooses the format of a number field from its name. Money ends in "Usd", and per-token values
   * keep every digit because they are far below a millionth of a dollar. A name ending in "Rate"
   * is a fraction from 0 to 1, and other integers are counts.
   */
  function formatOf(name, text) {
    const field = String(name);
    if (/Usd$/.test(field)) {
      return /PerToken/.test(field) ? 'usd-exact' : 'usd';
    }
    if (/Rate$/.test(field)) {
      return 'percent';
    }
    return /^-?\d+$/.test(text) ? 'count' : 'plain';
  }

  // ---------------------------------------------------------------------------------------------
  // DOM helpers

  function el(tag, attributes, children) {
    const node = document.createElement(tag);
    if (attributes) {
      for (const [name, value] of Object.entries(attributes)) {
        if (value === undefined || value === null || value === false) {
          continue;
        }
        if (name === 'className') {
          node.className = value;
        } else {
          node.setAttribute(name, value === true ? '' : String(value));
        }
      }
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    if (children === undefined || children === null) {
      return;
    }
    for (const child of Array.isArray(children) ? children : [children]) {
      if (child === undefined || child === null || child === false) {
        continue;
      }
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
  }

  /**
   * Returns a span that shows the number holder[key] and names it by its JSON path. A null shows
   * "-", as in the terminal table, with data-value "null".
   */
  function numberSpan(holder, key, path, format) {
    const value = holder[key];
    if (value === null || value === undefined) {
      return el('span', { className: 'number missing', 'data-field': path, 'data-value': 'null',
        'data-format': format }, '-');
    }
    const text = numberText(holder, key);
    const numberFormat = format || formatOf(key, text);
    return el('span', {
      className: 'number',
      'data-field': path,
      'data-value': text,
      'data-format': numberFormat,
    }, formatNumberText(text, numberFormat));
  }

  /** Returns a camel-case member name as lower-case words: "cacheWrite5m" is "cache write 5m". */
  function words(name) {
    return String(name)
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/([A-Za-z])([0-9])/g, '$1 $2')
      .toLowerCase()
      .replace(/ usd$/, ' (USD)');
  }

  function humanize(name) {
    return words(name).replace(/^./, (first) => first.toUpperCase());
  }

  function label(field) {
    return LABELS[field] || words(field);
  }

  function section(id, title, children) {
    return el('section', { id: id, className: 'section' }, [el('h2', null, title)].concat(children));
  }

  function scrollable(table) {
    return el('div', { className: 'table-scroll' }, table);
  }

  function keyText(value) {
    return value === null || value === undefined || value === '' ? '(none)' : String(value);
  }

  function groupName(report, group) {
    return (report.groupBy || []).map((dimension) => keyText((group.key || {})[dimension])).join(' / ');
  }

  function isPlainObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  // ---------------------------------------------------------------------------------------------
  // Header

  function periodText(report) {
    if (!report.since && !report.until) {
      return 'all records';
    }
    const parts = [];
    if (report.since) {
      parts.push('from ' + report.since);
    }
    if (report.until) {
      parts.push('until ' + report.until + ' (excluded)');
    }
    return parts.join(' ');
  }

  function renderHeader(report) {
    const groupBy = report.groupBy || [];
    const facts = [
      ['Grouped by', groupBy.length ? groupBy.join(', ') : 'nothing (totals only)'],
      ['Prices', report.prices],
      ['Time zone', report.timeZone],
      ['Period', periodText(report)],
      ['Currency', report.currency === 'USD' ? 'US dollars' : report.currency],
    ].filter((fact) => fact[1] !== undefined && fact[1] !== null);
    const header = el('header', { id: 'summary', className: 'section' }, [
      el('h1', null, 'ValueMeter report'),
      el('dl', { className: 'facts' }, facts.flatMap((fact) => [el('dt', null, fact[0]),
        el('dd', null, String(fact[1]))])),
    ]);
    if (isPlainObject(report.totals)) {
      header.appendChild(renderTotals(report.totals));
    }
    return header;
  }

  function renderTotals(totals) {
    const cards = [
      ['calls', 'calls'],
      ['costUsd', 'cost'],
      ['tokens.total', 'tokens'],
      ['tasks', 'tasks'],
      ['successes', 'successes'],
      ['successRate', 'success rate'],
      ['costPerSuccessUsd', 'cost per success'],
      ['valuePerTokenUsd', 'value per token'],
    ];
    const list = el('div', { className: 'cards' });
    for (const [field, title] of cards) {
      const { holder, key } = holderAt(totals, field);
      if (!holder || !(key in holder)) {
        continue;
      }
      if (field === 'valuePerTokenUsd' && holder[key] === null) {
        continue;
      }
      const value = el('div', { className: 'card-value' },
        numberSpan(holder, key, 'totals.' + field));
      const card = el('div', { className: 'card' }, [el('div', { className: 'card-label' }, title),
        value]);
      if (field === 'costUsd' && totals.unpricedCalls > 0) {
        value.appendChild(el('span', { className: 'unpriced-mark', title: 'leaves out unpriced calls' }, '*'));
        card.appendChild(el('div', { className: 'card-note' }, [
          'leaves out ',
          numberSpan(totals, 'unpricedCalls', 'totals.unpricedCalls'),
          ' unpriced calls',
        ]));
      }
      list.appendChild(card);
    }
    return list;
  }

  function renderVerdict(report) {
    const verdict = report.verdict;
    if (!isPlainObject(verdict) || typeof verdict.optimise !== 'boolean') {
      return section('verdict', 'Verdict', renderGeneric(verdict, report, 'verdict', 'verdict'));
    }
    const reasons = Array.isArray(verdict.reasons) ? verdict.reasons : [];
    const extra = Object.keys(verdict).filter((key) => key !== 'optimise' && key !== 'reasons');
    const box = el('section', {
      id: 'verdict',
      className: 'section verdict ' + (verdict.optimise ? 'verdict-optimise' : 'verdict-ok'),
    }, [
      el('h2', null, verdict.optimise ? 'Verdict: optimise' : 'Verdict: no need to optimise'),
      reasons.length ? el('ul', null, reasons.map((reason, i) =>
        el('li', null, renderGeneric(reason, reasons, i, 'verdict.reasons[' + i + ']')))) : null,
    ]);
    for (const key of extra) {
      box.appendChild(el('h3', null, humanize(key)));
      box.appendChild(renderGeneric(verdict[key], verdict, key, childPath('verdict', key)));
    }
    return box;
  }

  // ---------------------------------------------------------------------------------------------
  // Charts

  function chartBox(id, title, caption, height) {
    const canvas = el('div', { id: id, className: 'chart', style: 'height:' + height + 'px' });
    return {
      node: el('figure', { className: 'chart-figure' }, [
        el('figcaption', null, [el('strong', null, title), caption ? el('span', null, ' ' + caption) : null]),
        canvas,
      ]),
      canvas: canvas,
    };
  }

  function drawChart(canvas, option) {
    const chart = echarts.init(canvas, null, { renderer: 'canvas' });
    chart.setOption(Object.assign({ animation: false, color: PALETTE }, option));
    charts.push(chart);
    return chart;
  }

  /**
   * Draws a horizontal bar per group for a field of the groups, skipping groups whose value is
   * null. Returns null when no group has a value.
   */
  function groupBarChart(report, field, id, title, caption, format, include) {
    const rows = [];
    (report.groups || []).forEach((group) => {
      const value = group[field];
      if (typeof value === 'number' && (!include || include(group))) {
        rows.push({ name: groupName(report, group), value: value,
          text: formatNumberText(numberText(group, field), format) });
      }
    });
    if (rows.length === 0) {
      return null;
    }
    rows.sort((a, b) => a.value - b.value);
    const box = chartBox(id, title, caption, Math.max(160, rows.length * 30 + 60));
    return {
      node: box.node,
      draw: () => drawChart(box.canvas, {
        grid: { left: 8, right: 110, top: 8, bottom: 28, containLabel: true },
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          formatter: (items) => items[0].name + ': ' + rows[items[0].dataIndex].text,
        },
        xAxis: { type: 'value', axisLabel: { formatter: (value) => '$' + value } },
        yAxis: { type: 'category', inverse: true, data: rows.map((row) => row.name),
          axisLabel: { width: 360, overflow: 'truncate' } },
        series: [{
          name: title,
          type: 'bar',
          data: rows.map((row) => row.value),
          barMaxWidth: 22,
          label: { show: true, position: 'right', formatter: (item) => rows[item.dataIndex].text },
        }],
      }),
    };
  }

  /**
   * Sums cost and calls per period of the first grouping dimension, and cost also per value of the
   * other dimensions, such as the model in "--by day,model".
   */
  function costByPeriod(report) {
    const groupBy = report.groupBy;
    const periods = [];
    const seriesNames = [];
    const cost = new Map();
    const calls = new Map();
    const costKey = (seriesName, period) => seriesName + '\u0000' + period;
    for (const group of report.groups) {
      const key = group.key || {};
      const period = keyText(key[groupBy[0]]);
      const seriesName = groupBy.slice(1).map((dimension) => keyText(key[dimension])).join(' / ')
        || 'cost';
      if (!periods.includes(period)) {
        periods.push(period);
      }
      if (!seriesNames.includes(seriesName)) {
        seriesNames.push(seriesName);
      }
      const sum = cost.get(costKey(seriesName, period)) || 0;
      cost.set(costKey(seriesName, period), sum + (group.costUsd || 0));
      calls.set(period, (calls.get(period) || 0) + (group.calls || 0));
    }
    return {
      periods: periods,
      seriesNames: seriesNames,
      cost: (seriesName, period) => cost.get(costKey(seriesName, period)) || 0,
      calls: (period) => calls.get(period),
    };
  }

  /**
   * Draws cost per period as bars, stacked by the other grouping dimensions, with calls per period
   * as a line. Periods without records have no group in the report and so no bar.
   */
  function costOverTimeChart(report) {
    const groupBy = report.groupBy || [];
    if (groupBy.length === 0 || !TIME_DIMENSIONS.includes(groupBy[0])
      || !Array.isArray(report.groups) || report.groups.length === 0) {
      return null;
    }
    const sums = costByPeriod(report);
    const money = { valueFormatter: (value) => '$' + value };

    const series = sums.seriesNames.map((name) => ({
      name: name,
      type: 'bar',
      stack: 'cost',
      barMaxWidth: 48,
      tooltip: money,
      data: sums.periods.map((period) => sums.cost(name, period)),
    }));
    series.push({
      name: 'calls',
      type: 'line',
      yAxisIndex: 1,
      symbolSize: 7,
      data: sums.periods.map((period) => sums.calls(period)),
    });

    const caption = groupBy.length > 1
      ? '(stacked by ' + groupBy.slice(1).join(', ') + ', and the line is calls)'
      : '(the line is calls)';
    const box = chartBox('chart-cost-over-time', 'Cost per ' + groupBy[0], caption, 340);
    return {
      node: box.node,
      draw: () => drawChart(box.canvas, {
        grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
        legend: { type: 'scroll', top: 0 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: sums.periods },
        yAxis: [
          { type: 'value', name: 'cost (USD)', axisLabel: { formatter: (value) => '$' + value } },
          { type: 'value', name: 'calls', splitLine: { show: false } },
        ],
        series: series,
      }),
    };
  }

  function renderCharts(report) {
    const groupBy = report.groupBy || [];
    const timeFirst = groupBy.length > 0 && TIME_DIMENSIONS.includes(groupBy[0]);
    const unpriced = (group) => group.calls > 0 && group.pricedCalls === 0;
    const candidates = [
      costOverTimeChart(report),
      groupBarChart(report, 'costPerSuccessUsd', 'chart-cost-per-success',
        'Cost per successful outcome', '(groups with a priced success, cheapest first)', 'usd'),
      groupBarChart(report, 'valuePerTokenUsd', 'chart-value-per-token', 'Value per token',
        '(groups with a recorded value)', 'usd-exact'),
      timeFirst ? null : groupBarChart(report, 'costUsd', 'chart-cost-by-group', 'Cost by group',
        '(groups with priced calls; unpriced groups are left out)', 'usd',
        (group) => !unpriced(group)),
    ].filter(Boolean);
    if (candidates.length === 0) {
      return { node: null, draw: () => {} };
    }
    return {
      node: section('charts', 'Charts', [el('div', { className: 'chart-grid' },
        candidates.map((chart) => chart.node))]),
      draw: () => candidates.forEach((chart) => chart.draw()),
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Group tables

  /** Returns the SUMMARY fields (dotted for nested scalars) of the totals and groups, in order. */
  function summaryFields(report) {
    const fields = [];
    const add = (field) => {
      if (!fields.includes(field)) {
        fields.push(field);
      }
    };
    const summaries = [report.totals].concat(report.groups || []).filter(isPlainObject);
    for (const summary of summaries) {
      for (const [name, value] of Object.entries(summary)) {
        if (name === 'key') {
          continue;
        }
        if (isPlainObject(value)) {
          Object.keys(value).forEach((child) => add(name + '.' + child));
        } else {
          add(name);
        }
      }
    }
    return fields;
  }

  function summaryCell(summary, field, path) {
    const { holder, key } = holderAt(summary, field);
    if (!holder || !(key in holder)) {
      return el('td', { className: 'absent' }, '');
    }
    const value = holder[key];
    const fullyUnpriced = summary.calls > 0 && summary.pricedCalls === 0;
    if (field === 'costUsd' && fullyUnpriced) {
      return el('td', { className: 'num unpriced', title: 'no call of this group could be priced' },
        ['-', el('span', { className: 'unpriced-mark' }, '*')]);
    }
    if (typeof value === 'number' || value === null) {
      const cell = el('td', { className: 'num' }, numberSpan(holder, key, childPath(path, key)));
      if (field === 'costUsd' && summary.unpricedCalls > 0) {
        cell.appendChild(el('span', { className: 'unpriced-mark', title: 'leaves out unpriced calls' }, '*'));
      }
      return cell;
    }
    return el('td', null, renderGeneric(value, holder, key, childPath(path, key)));
  }

  function summaryPath(basePath, field) {
    const names = field.split('.');
    return names.slice(0, -1).reduce(childPath, basePath);
  }

  function summaryTable(report, id, title, fields) {
    const groupBy = report.groupBy || [];
    const keyColumns = groupBy.length ? groupBy : ['group'];
    const head = el('tr', null, keyColumns.map((dimension) => el('th', { className: 'key' }, dimension))
      .concat(fields.map((field) => el('th', { className: 'num' }, label(field)))));
    const body = el('tbody');
    (report.groups || []).forEach((group, index) => {
      const path = 'groups[' + index + ']';
      const unpricedCalls = group.unpricedCalls || 0;
      const row = el('tr', { className: unpricedCalls > 0 ? 'unpriced-row' : null });
      keyColumns.forEach((dimension, column) => {
        const cell = el('td', { className: 'key' }, keyText((group.key || {})[dimension]));
        if (column === 0 && unpricedCalls > 0) {
          cell.appendChild(el('span', { className: 'badge badge-unpriced' },
            group.pricedCalls === 0 ? 'unpriced' : 'partly unpriced'));
        }
        row.appendChild(cell);
      });
      fields.forEach((field) => row.appendChild(summaryCell(group, field, summaryPath(path, field))));
      body.appendChild(row);
    });
    const table = el('table', { id: id, className: 'data' }, [el('thead', null, head), body]);
    if (isPlainObject(report.totals)) {
      const total = el('tr', { className: 'total' }, keyColumns.map((dimension, column) =>
        el('td', { className: 'key' }, column === 0 ? 'total' : '')));
      fields.forEach((field) => total.appendChild(summaryCell(report.totals, field,
        summaryPath('totals', field))));
      table.appendChild(el('tfoot', null, total));
    }
    return [el('h3', null, title), scrollable(table)];
  }

  function renderGroups(report) {
    if (!Array.isArray(report.groups) && !isPlainObject(report.totals)) {
      return null;
    }
    const all = summaryFields(report);
    const listed = new Set(SUMMARY_TABLES.flatMap((table) => table.fields));
    const children = [];
    for (const table of SUMMARY_TABLES) {
      const fields = table.fields.filter((field) => all.includes(field));
      if (fields.length) {
        children.push(...summaryTable(report, table.id, table.title, fields));
      }
    }
    const more = all.filter((field) => !listed.has(field));
    if (more.length) {
      children.push(...summaryTable(report, 'groups-more', 'More metrics', more));
    }
    const hasUnpriced = [report.totals].concat(report.groups || [])
      .some((summary) => summary && summary.unpricedCalls > 0);
    if (hasUnpriced) {
      children.push(el('p', { className: 'footnote' }, [el('span', { className: 'unpriced-mark' }, '*'),
        ' The cost leaves out unpriced calls; "-" means no call of the group was priced. '
        + 'Add prices with --prices FILE.']));
    }
    return section('groups', 'Groups', children);
  }

  // ---------------------------------------------------------------------------------------------
  // Unpriced models, input and generic sections

  function renderUnpricedModels(report) {
    const models = report.unpricedModels;
    if (!Array.isArray(models) || models.length === 0) {
      return null;
    }
    return section('unpriced-models', 'Unpriced models', [
      el('p', null, 'The catalog has no price for these models, so their calls are left out of '
        + 'every cost total. Add prices with --prices FILE.'),
      scrollable(objectTable(models, 'unpricedModels', 'unpriced-models-table')),
    ]);
  }

  function renderInput(report) {
    const records = isPlainObject(report.records) ? report.records : {};
    const children = [];

    const facts = [];
    for (const [key, value] of Object.entries(records)) {
      if (key !== 'rejections' && key !== 'notes') {
        facts.push([label(key), renderGeneric(value, records, key, childPath('records', key))]);
      }
    }
    for (const key of ['recordsWithoutTime', 'recordsOutsidePeriod']) {
      if (key in report) {
        facts.push([label(key), renderGeneric(report[key], report, key, key)]);
      }
    }
    if (facts.length) {
      children.push(keyValueTable(facts, 'records-facts'));
    }
    if (report.recordsWithoutTime > 0) {
      children.push(el('p', { className: 'footnote' }, 'Records without a timestamp are in the '
        + 'totals but in no hour, day, week or month group.'));
    }

    if (Array.isArray(records.notes) && records.notes.length) {
      children.push(el('h3', null, 'Notes'));
      children.push(el('ul', { id: 'notes', className: 'notes' },
        records.notes.map((note, i) => el('li', null,
          renderGeneric(note, records.notes, i, 'records.notes[' + i + ']')))));
    }

    if (Array.isArray(records.rejections) && records.rejections.length) {
      const listed = records.rejections.length;
      const title = records.rejected > listed
        ? 'Rejections (the first ' + listed + ' of ' + records.rejected + ')' : 'Rejections';
      children.push(el('h3', null, title));
      children.push(scrollable(objectTable(records.rejections, 'records.rejections', 'rejections')));
    }
    return children.length ? section('input', 'Input', children) : null;
  }

  function keyValueTable(rows, id) {
    return el('table', { id: id, className: 'key-value' }, el('tbody', null, rows.map((row) =>
      el('tr', null, [el('th', null, row[0]), el('td', null, row[1])]))));
  }

  function isFlatObject(value) {
    return isPlainObject(value)
      && Object.values(value).every((child) => child === null || typeof child !== 'object');
  }

  /**
   * Draws an array of objects as a table with one column per member name. A member that is an
   * object of scalars in every item, such as "tokens", gets one column per child member.
   */
  function objectTable(items, path, id) {
    const columns = [];
    const addColumn = (column) => {
      if (!columns.some((known) => known.join('.') === column.join('.'))) {
        columns.push(column);
      }
    };
    for (const item of items) {
      for (const key of Object.keys(item)) {
        const nested = items.every((other) => !(key in other) || isFlatObject(other[key]));
        if (nested) {
          Object.keys(item[key]).forEach((child) => addColumn([key, child]));
        } else {
          addColumn([key]);
        }
      }
    }
    const columnLabel = (column) => column.length === 1 ? label(column[0])
      : column[0] === 'tokens' ? label(column[1]) + ' tokens' : label(column[0]) + ' ' + label(column[1]);
    const numeric = (column) => items.every((item) => {
      const holder = column.length === 1 ? item : item[column[0]];
      const value = isPlainObject(holder) ? holder[column[column.length - 1]] : undefined;
      return value === undefined || value === null || typeof value === 'number';
    });
    const head = el('tr', null, columns.map((column) =>
      el('th', { className: numeric(column) ? 'num' : null }, columnLabel(column))));
    const body = el('tbody', null, items.map((item, index) => el('tr', null, columns.map((column) => {
      const holder = column.length === 1 ? item : item[column[0]];
      const key = column[column.length - 1];
      if (!isPlainObject(holder) || !(key in holder)) {
        return el('td', null, '');
      }
      const value = holder[key];
      const cellPath = column.reduce(childPath, childPath(path, index));
      return el('td', { className: typeof value === 'number' ? 'num' : null },
        renderGeneric(value, holder, key, cellPath));
    }))));
    return el('table', { id: id, className: 'data generic' }, [el('thead', null, head), body]);
  }

  /** Draws any JSON value: objects as key-value tables, arrays of objects as tables. */
  function renderGeneric(value, holder, key, path) {
    if (value === null || value === undefined) {
      return el('span', { className: 'missing' }, '-');
    }
    if (typeof value === 'number') {
      return numberSpan(holder, key, path, formatOf(typeof key === 'number' ? '' : key,
        numberText(holder, key)));
    }
    if (typeof value === 'boolean') {
      return el('span', { className: 'bool bool-' + value }, value ? 'yes' : 'no');
    }
    if (typeof value === 'string') {
      return document.createTextNode(value);
    }
    if (Array.isArray(value)) {
      if (value.length === 0) {
        return el('span', { className: 'missing' }, 'none');
      }
      if (value.every(isPlainObject)) {
        return scrollable(objectTable(value, path));
      }
      return el('ul', { className: 'plain-list' }, value.map((item, i) =>
        el('li', null, renderGeneric(item, value, i, childPath(path, i)))));
    }
    return keyValueTable(Object.keys(value).map((child) =>
      [label(child), renderGeneric(value[child], value, child, childPath(path, child))]));
  }

  /** Draws keyMetrics or triggers, arrays of objects, as a table; other shapes generically. */
  function renderListSection(report, field, id, title) {
    if (!(field in report)) {
      return null;
    }
    return section(id, title, renderGeneric(report[field], report, field, field));
  }

  /** Draws advice with one sub-section per member, each an object or an array of objects. */
  function renderAdvice(report) {
    if (!('advice' in report)) {
      return null;
    }
    const advice = report.advice;
    const children = isPlainObject(advice)
      ? Object.keys(advice).flatMap((key) => [el('h3', null, humanize(key)),
        renderGeneric(advice[key], advice, key, childPath('advice', key))])
      : [renderGeneric(advice, report, 'advice', 'advice')];
    return section('advice', 'Advice', children);
  }

  /**
   * Draws every top-level field this script does not know, so that fields added to the JSON
   * later still appear: objects and arrays get a section each, scalars share one table.
   */
  function renderUnknownFields(report) {
    const nodes = [];
    const scalars = [];
    for (const key of Object.keys(report)) {
      if (KNOWN_FIELDS.has(key)) {
        continue;
      }
      const value = report[key];
      if (value !== null && typeof value === 'object') {
        nodes.push(section('extra-' + key, humanize(key), renderGeneric(value, report, key, key)));
      } else {
        scalars.push([label(key), renderGeneric(value, report, key, key)]);
      }
    }
    if (scalars.length) {
      nodes.push(section('extra-facts', 'Other facts', keyValueTable(scalars, 'extra-facts-table')));
    }
    return nodes;
  }

  function renderFooter(report) {
    const parts = ['Made by ValueMeter from its JSON report'];
    if ('schemaVersion' in report) {
      parts.push(' (schema version ', numberSpan(report, 'schemaVersion', 'schemaVersion', 'plain'), ')');
    }
    parts.push('. The JSON document is inside this file, in the script element with the id "report-data".');
    return el('footer', { className: 'footer' }, parts);
  }

  // ---------------------------------------------------------------------------------------------
  // Page

  function reportError(error, where) {
    const box = el('div', { className: 'error' }, 'Could not draw ' + where + ': '
      + (error && error.message ? error.message : String(error)));
    document.getElementById('report').appendChild(box);
  }

  /** Runs one part of the page, so that a failure shows in place and the other parts still draw. */
  function attempt(where, action, errors) {
    try {
      return action();
    } catch (error) {
      errors.push(error);
      reportError(error, where);
      return null;
    }
  }

  function build() {
    const main = document.getElementById('report');
    const errors = [];
    const report = attempt('the report', () =>
      parseReport(document.getElementById('report-data').textContent), errors);
    if (report === null || !isPlainObject(report)) {
      return errors.length ? errors : [new Error('the report data is not a JSON object')];
    }
    const groupBy = Array.isArray(report.groupBy) ? report.groupBy : [];
    document.title = 'ValueMeter report' + (groupBy.length ? ' by ' + groupBy.join(', ') : '');

    const chartSection = attempt('the charts', () => renderCharts(report), errors);
    const parts = [
      ['the header', () => renderHeader(report)],
      ['the verdict', () => ('verdict' in report ? renderVerdict(report) : null)],
      ['the key metrics', () => renderListSection(report, 'keyMetrics', 'key-metrics', 'Key metrics')],
      ['the charts', () => (chartSection ? chartSection.node : null)],
      ['the groups', () => renderGroups(report)],
      ['the unpriced models', () => renderUnpricedModels(report)],
      ['the triggers', () => renderListSection(report, 'triggers', 'triggers', 'Triggers')],
      ['the advice', () => renderAdvice(report)],
      ['the other fields', () => renderUnknownFields(report)],
      ['the input', () => renderInput(report)],
      ['the footer', () => renderFooter(report)],
    ];
    parts.forEach(([where, action]) => append(main, attempt(where, action, errors)));

    // ECharts measures its container, so charts are drawn once they are in the document.
    if (chartSection) {
      attempt('the charts', chartSection.draw, errors);
    }
    window.addEventListener('resize', () => charts.forEach((chart) => chart.resize()));
    return errors;
  }

  const errors = build();
  document.body.dataset.ready = errors.length ? 'error' : 'true';
  if (errors.length) {
    // Rethrown so that the browser's console and window.onerror see the first failure.
    throw errors[0];
  }
})();
