/**
 * Legitimate analytical queries on the demo database, the kind a data analyst or an engineer asks: every one must
 * run through `query` (or `explain_query`) for a role allowed to read public and billing. Grouped by the SQL
 * feature they exercise. Masked columns (email, phone, national_id) are only ever selected, as the rules say.
 */

export interface AnalystQuery {
  readonly category: string;
  readonly name: string;
  readonly sql: string;
  /** Run through explain_query instead of query. */
  readonly explain?: boolean;
}

const q = (category: string, name: string, sql: string, explain = false): AnalystQuery =>
  explain ? { category, name, sql, explain } : { category, name, sql };

export const ANALYST_CORPUS: readonly AnalystQuery[] = [
  // --- basics
  q('basics', 'count customers', 'SELECT count(*) FROM customers'),
  q(
    'basics',
    'customers per plan',
    'SELECT plan, count(*) AS n FROM customers GROUP BY plan ORDER BY n DESC',
  ),
  q('basics', 'top countries', 'SELECT country, count(*) FROM customers GROUP BY 1 ORDER BY 2 DESC LIMIT 5'),
  q(
    'basics',
    'one customer with masked contact',
    'SELECT id, name, email, phone, country FROM customers WHERE id = 42',
  ),
  q(
    'basics',
    'orders by status',
    'SELECT status, count(*), sum(total_cents) / 100.0 AS eur FROM orders GROUP BY status',
  ),
  q('basics', 'distinct currencies', 'SELECT DISTINCT currency FROM orders ORDER BY 1'),
  q('basics', 'table statement', 'TABLE flyway_schema_history'),
  q('basics', 'values list', "VALUES (1, 'one'), (2, 'two')"),
  q(
    'basics',
    'having',
    'SELECT customer_id, count(*) FROM orders GROUP BY customer_id HAVING count(*) > 6 ORDER BY 2 DESC',
  ),
  q(
    'basics',
    'between and in',
    "SELECT count(*) FROM orders WHERE total_cents BETWEEN 1000 AND 5000 AND status IN ('paid', 'shipped')",
  ),
  q(
    'basics',
    'is null',
    'SELECT count(*) FILTER (WHERE shipped_at IS NULL) AS unshipped, count(*) AS all_orders FROM orders',
  ),
  q(
    'basics',
    'case buckets',
    "SELECT CASE WHEN total_cents < 2000 THEN 'small' WHEN total_cents < 10000 THEN 'medium' ELSE 'large' END AS size, count(*) FROM orders GROUP BY 1",
  ),
  q(
    'basics',
    'coalesce and nullif',
    'SELECT id, coalesce(shipped_at, placed_at) AS last_event, nullif(total_cents, 0) FROM orders ORDER BY id LIMIT 5',
  ),
  q(
    'basics',
    'offset paging',
    'SELECT id, placed_at FROM orders ORDER BY placed_at DESC, id LIMIT 10 OFFSET 20',
  ),
  q(
    'basics',
    'fetch first with ties',
    'SELECT customer_id, total_cents FROM orders ORDER BY total_cents DESC FETCH FIRST 5 ROWS WITH TIES',
  ),
  q(
    'basics',
    'greatest and least',
    'SELECT greatest(1, total_cents), least(total_cents, 100000) FROM orders LIMIT 3',
  ),
  q(
    'basics',
    'casts',
    'SELECT id::text, total_cents::numeric / 100 AS eur, placed_at::date FROM orders LIMIT 3',
  ),
  q(
    'basics',
    'boolean aggregates',
    "SELECT bool_and(total_cents >= 0), bool_or(status = 'refunded'), every(currency = 'EUR') FROM orders",
  ),

  // --- joins
  q(
    'joins',
    'orders with customer',
    'SELECT o.id, o.total_cents, c.name, c.country FROM orders o JOIN customers c ON c.id = o.customer_id ORDER BY o.placed_at DESC LIMIT 20',
  ),
  q(
    'joins',
    'left join tickets',
    'SELECT c.id, count(t.id) AS tickets FROM customers c LEFT JOIN support_tickets t ON t.customer_id = c.id GROUP BY c.id ORDER BY tickets DESC LIMIT 10',
  ),
  q(
    'joins',
    'three-way join',
    'SELECT c.plan, count(DISTINCT o.id) AS orders, count(DISTINCT t.id) AS tickets FROM customers c LEFT JOIN orders o ON o.customer_id = c.id LEFT JOIN support_tickets t ON t.order_id = o.id GROUP BY c.plan',
  ),
  q(
    'joins',
    'invoices with subscription',
    'SELECT i.number, i.amount_cents, s.plan, s.seats FROM billing.invoices i JOIN billing.subscriptions s ON s.id = i.subscription_id ORDER BY i.issued_at DESC LIMIT 10',
  ),
  q(
    'joins',
    'using clause',
    'SELECT count(*) FROM orders JOIN (SELECT id AS customer_id, plan FROM customers) c USING (customer_id)',
  ),
  q(
    'joins',
    'anti join',
    'SELECT count(*) FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)',
  ),
  q(
    'joins',
    'semi join',
    "SELECT count(*) FROM customers c WHERE EXISTS (SELECT 1 FROM billing.subscriptions s WHERE s.customer_id = c.id AND s.status = 'active')",
  ),
  q(
    'joins',
    'full outer join',
    "SELECT coalesce(a.m, b.m) AS month, a.orders, b.invoices FROM (SELECT date_trunc('month', placed_at) m, count(*) orders FROM orders GROUP BY 1) a FULL JOIN (SELECT date_trunc('month', issued_at) m, count(*) invoices FROM billing.invoices GROUP BY 1) b ON a.m = b.m ORDER BY 1 LIMIT 24",
  ),
  q(
    'joins',
    'self join',
    "SELECT a.id, b.id FROM orders a JOIN orders b ON a.customer_id = b.customer_id AND a.id < b.id AND b.placed_at - a.placed_at < interval '1 day' LIMIT 10",
  ),
  q(
    'joins',
    'cross join small',
    "SELECT p.plan, s.status FROM (SELECT DISTINCT plan FROM customers) p CROSS JOIN (VALUES ('pending'), ('paid')) AS s(status)",
  ),
  q(
    'joins',
    'in subquery',
    "SELECT count(*) FROM orders WHERE customer_id IN (SELECT id FROM customers WHERE plan = 'enterprise')",
  ),
  q(
    'joins',
    'scalar subquery',
    'SELECT c.id, (SELECT max(placed_at) FROM orders o WHERE o.customer_id = c.id) AS last_order FROM customers c ORDER BY c.id LIMIT 10',
  ),

  // --- window functions
  q(
    'window',
    'row_number per customer',
    'SELECT customer_id, id, row_number() OVER (PARTITION BY customer_id ORDER BY placed_at) AS nth FROM orders ORDER BY customer_id, nth LIMIT 20',
  ),
  q(
    'window',
    'rank by revenue',
    'SELECT customer_id, sum(total_cents) AS revenue, rank() OVER (ORDER BY sum(total_cents) DESC) FROM orders GROUP BY customer_id ORDER BY 3 LIMIT 10',
  ),
  q(
    'window',
    'dense_rank per country',
    'SELECT country, id, dense_rank() OVER (PARTITION BY country ORDER BY created_at) FROM customers ORDER BY country, 3 LIMIT 20',
  ),
  q(
    'window',
    'lag between orders',
    'SELECT customer_id, placed_at, placed_at - lag(placed_at) OVER (PARTITION BY customer_id ORDER BY placed_at) AS gap FROM orders ORDER BY customer_id, placed_at LIMIT 20',
  ),
  q(
    'window',
    'lead next ticket',
    'SELECT id, opened_at, lead(opened_at) OVER (ORDER BY opened_at) AS next_opened FROM support_tickets ORDER BY opened_at LIMIT 10',
  ),
  q(
    'window',
    'running total',
    'SELECT placed_at::date AS day, sum(total_cents) AS day_total, sum(sum(total_cents)) OVER (ORDER BY placed_at::date) AS running FROM orders GROUP BY placed_at::date ORDER BY 1 LIMIT 30',
  ),
  q(
    'window',
    'moving average frame',
    'SELECT day, orders, avg(orders) OVER (ORDER BY day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS week_avg FROM (SELECT placed_at::date AS day, count(*) AS orders FROM orders GROUP BY 1) d ORDER BY day LIMIT 30',
  ),
  q(
    'window',
    'range frame',
    "SELECT id, placed_at, count(*) OVER (ORDER BY placed_at RANGE BETWEEN interval '7 days' PRECEDING AND CURRENT ROW) FROM orders ORDER BY placed_at LIMIT 10",
  ),
  q(
    'window',
    'ntile quartiles',
    'SELECT ntile(4) OVER (ORDER BY total_cents) AS quartile, min(total_cents) OVER (), total_cents FROM orders LIMIT 10',
  ),
  q(
    'window',
    'first and last value',
    'SELECT DISTINCT customer_id, first_value(status) OVER w AS first_status, last_value(status) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_status FROM orders WINDOW w AS (PARTITION BY customer_id ORDER BY placed_at) ORDER BY customer_id LIMIT 10',
  ),
  q(
    'window',
    'percent_rank and cume_dist',
    'SELECT id, total_cents, percent_rank() OVER (ORDER BY total_cents), cume_dist() OVER (ORDER BY total_cents) FROM orders ORDER BY total_cents DESC LIMIT 10',
  ),
  q(
    'window',
    'share of total',
    'SELECT status, count(*), round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS pct FROM orders GROUP BY status',
  ),
  q(
    'window',
    'nth_value',
    'SELECT DISTINCT customer_id, nth_value(id, 2) OVER (PARTITION BY customer_id ORDER BY placed_at ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS second_order FROM orders ORDER BY 1 LIMIT 10',
  ),
  q(
    'window',
    'top 3 per group via window',
    'SELECT * FROM (SELECT country, id, created_at, row_number() OVER (PARTITION BY country ORDER BY created_at DESC) rn FROM customers) x WHERE rn <= 3 ORDER BY country, rn LIMIT 30',
  ),
  q(
    'window',
    'window filter clause',
    "SELECT customer_id, count(*) FILTER (WHERE status = 'paid') OVER (PARTITION BY customer_id) FROM orders LIMIT 10",
  ),

  // --- CTEs
  q(
    'cte',
    'simple cte',
    'WITH big AS (SELECT * FROM orders WHERE total_cents > 20000) SELECT count(*), avg(total_cents) FROM big',
  ),
  q(
    'cte',
    'chained ctes',
    'WITH per AS (SELECT customer_id, sum(total_cents) s FROM orders GROUP BY 1), ranked AS (SELECT *, ntile(10) OVER (ORDER BY s) d FROM per) SELECT d, count(*), min(s), max(s) FROM ranked GROUP BY d ORDER BY d',
  ),
  q(
    'cte',
    'materialized cte',
    'WITH c AS MATERIALIZED (SELECT id, plan FROM customers) SELECT plan, count(*) FROM c GROUP BY plan',
  ),
  q(
    'cte',
    'not materialized cte',
    "WITH c AS NOT MATERIALIZED (SELECT id, country FROM customers) SELECT count(*) FROM c WHERE country = 'DE'",
  ),
  q(
    'cte',
    'recursive counter',
    'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20) SELECT sum(i) FROM n',
  ),
  q(
    'cte',
    'recursive calendar',
    "WITH RECURSIVE days(d) AS (SELECT date '2024-01-01' UNION ALL SELECT (d + 1)::date FROM days WHERE d < date '2024-01-31') SELECT d, extract(isodow FROM d) FROM days",
  ),
  q(
    'cte',
    'recursive fibonacci',
    'WITH RECURSIVE fib(a, b, n) AS (SELECT 0::numeric, 1::numeric, 1 UNION ALL SELECT b, a + b, n + 1 FROM fib WHERE n < 30) SELECT n, a FROM fib ORDER BY n DESC LIMIT 1',
  ),
  q(
    'cte',
    'recursive with search',
    'WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n * 2 FROM t WHERE n < 100) SEARCH DEPTH FIRST BY n SET ordercol SELECT n FROM t ORDER BY ordercol',
  ),
  q(
    'cte',
    'recursive with cycle',
    'WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT (n % 5) + 1 FROM t) CYCLE n SET is_cycle USING path SELECT n, is_cycle FROM t',
  ),
  q(
    'cte',
    'recursive customer chains',
    'WITH RECURSIVE chain AS (SELECT id, customer_id, placed_at, 1 AS depth FROM orders WHERE id = 1 UNION ALL SELECT o.id, o.customer_id, o.placed_at, c.depth + 1 FROM orders o JOIN chain c ON o.customer_id = c.customer_id AND o.placed_at > c.placed_at WHERE c.depth < 5) SELECT max(depth) FROM chain',
  ),
  q(
    'cte',
    'cte in subquery',
    'SELECT * FROM (WITH x AS (SELECT plan, count(*) n FROM customers GROUP BY plan) SELECT * FROM x WHERE n > 10) s ORDER BY n',
  ),

  // --- JSON / JSONB
  q(
    'json',
    'row to json',
    'SELECT to_jsonb(o) FROM (SELECT id, status, total_cents FROM orders ORDER BY id LIMIT 3) o',
  ),
  q(
    'json',
    'build object',
    "SELECT jsonb_build_object('id', id, 'plan', plan, 'country', country) FROM customers ORDER BY id LIMIT 5",
  ),
  q(
    'json',
    'json_agg per customer',
    "SELECT customer_id, json_agg(json_build_object('id', id, 'total', total_cents) ORDER BY placed_at) FROM orders GROUP BY customer_id ORDER BY customer_id LIMIT 5",
  ),
  q(
    'json',
    'jsonb_object_agg',
    'SELECT jsonb_object_agg(status, n) FROM (SELECT status, count(*) n FROM orders GROUP BY status) s',
  ),
  q(
    'json',
    'jsonb operators',
    "SELECT j->>'plan' AS plan, (j->'seats')::int AS seats, j ? 'plan' AS has_plan FROM (SELECT jsonb_build_object('plan', plan, 'seats', seats) AS j FROM billing.subscriptions) s LIMIT 5",
  ),
  q(
    'json',
    'jsonb containment',
    'SELECT count(*) FROM (SELECT to_jsonb(s) AS j FROM billing.subscriptions s) x WHERE j @> \'{"status": "active"}\'',
  ),
  q(
    'json',
    'jsonb_each',
    'SELECT key, value FROM jsonb_each(\'{"a": 1, "b": [1, 2], "c": {"d": true}}\'::jsonb)',
  ),
  q(
    'json',
    'jsonb_array_elements',
    'SELECT e->>\'n\' FROM jsonb_array_elements(\'[{"n": 1}, {"n": 2}]\'::jsonb) AS e',
  ),
  q(
    'json',
    'jsonb path query',
    'SELECT jsonb_path_query(j, \'$.items[*] ? (@.qty > 1).sku\') FROM (VALUES (\'{"items": [{"sku": "a", "qty": 2}, {"sku": "b", "qty": 1}]}\'::jsonb)) v(j)',
  ),
  q('json', 'jsonb path exists', "SELECT jsonb_path_exists('{\"a\": [1, 5, 9]}', '$.a[*] ? (@ > 8)')"),
  q(
    'json',
    'json_table',
    'SELECT * FROM JSON_TABLE(\'[{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]\'::jsonb, \'$[*]\' COLUMNS (a int PATH \'$.a\', b text PATH \'$.b\')) AS jt',
  ),
  q(
    'json',
    'sql json functions',
    "SELECT JSON_VALUE('{\"a\": 7}'::jsonb, '$.a' RETURNING int), JSON_QUERY('{\"a\": [1, 2]}'::jsonb, '$.a'), JSON_EXISTS('{\"a\": 1}'::jsonb, '$.a')",
  ),
  q(
    'json',
    'jsonb set and strip',
    "SELECT jsonb_strip_nulls(jsonb_set('{\"a\": 1, \"b\": null}'::jsonb, '{c}', '3'))",
  ),
  q(
    'json',
    'jsonb_pretty and typeof',
    'SELECT jsonb_typeof(j), jsonb_pretty(j) FROM (VALUES (\'{"k": [1, {"x": null}]}\'::jsonb)) v(j)',
  ),
  q(
    'json',
    'json_populate_record',
    'SELECT * FROM jsonb_to_record(\'{"id": 1, "plan": "team"}\') AS r(id int, plan text)',
  ),
  q(
    'json',
    'json constructors',
    "SELECT JSON_OBJECT('plan': plan, 'n': count(*)) FROM customers GROUP BY plan",
  ),
  q(
    'json',
    'json_arrayagg',
    'SELECT JSON_ARRAYAGG(id ORDER BY id) FROM (SELECT id FROM customers ORDER BY id LIMIT 5) c',
  ),

  // --- LATERAL
  q(
    'lateral',
    'top 3 orders per customer',
    'SELECT c.id, o.id, o.total_cents FROM (SELECT id FROM customers ORDER BY id LIMIT 5) c CROSS JOIN LATERAL (SELECT id, total_cents FROM orders WHERE customer_id = c.id ORDER BY total_cents DESC LIMIT 3) o',
  ),
  q(
    'lateral',
    'latest ticket per customer',
    'SELECT c.id, t.subject, t.opened_at FROM customers c LEFT JOIN LATERAL (SELECT subject, opened_at FROM support_tickets WHERE customer_id = c.id ORDER BY opened_at DESC LIMIT 1) t ON true ORDER BY c.id LIMIT 10',
  ),
  q(
    'lateral',
    'lateral unnest',
    'SELECT c.id, tag FROM (SELECT id, ARRAY[plan, country] AS tags FROM customers ORDER BY id LIMIT 3) c, LATERAL unnest(c.tags) AS tag',
  ),
  q(
    'lateral',
    'lateral generate_series',
    "SELECT s.id, m FROM (SELECT id, started_at FROM billing.subscriptions ORDER BY id LIMIT 3) s, LATERAL generate_series(s.started_at, s.started_at + interval '3 months', interval '1 month') AS m",
  ),
  q(
    'lateral',
    'lateral aggregate',
    'SELECT c.country, x.n, x.avg_total FROM (SELECT DISTINCT country FROM customers) c, LATERAL (SELECT count(*) n, avg(o.total_cents) avg_total FROM orders o JOIN customers cc ON cc.id = o.customer_id WHERE cc.country = c.country) x ORDER BY x.n DESC LIMIT 5',
  ),

  // --- generate_series and date math
  q(
    'dates',
    'days of a month',
    "SELECT d::date FROM generate_series(date '2024-02-01', date '2024-02-29', interval '1 day') d",
  ),
  q(
    'dates',
    'orders per day with gaps filled',
    "SELECT d::date AS day, count(o.id) FROM generate_series((SELECT min(placed_at)::date FROM orders), (SELECT min(placed_at)::date + 13 FROM orders), interval '1 day') d LEFT JOIN orders o ON o.placed_at::date = d::date GROUP BY 1 ORDER BY 1",
  ),
  q(
    'dates',
    'month buckets',
    "SELECT date_trunc('month', placed_at) AS month, count(*), sum(total_cents) FROM orders GROUP BY 1 ORDER BY 1",
  ),
  q(
    'dates',
    'week and day of week',
    "SELECT extract(isoyear FROM placed_at) y, extract(week FROM placed_at) w, to_char(placed_at, 'Dy') dow, count(*) FROM orders GROUP BY 1, 2, 3 ORDER BY 1, 2 LIMIT 20",
  ),
  q(
    'dates',
    'age of customers',
    'SELECT id, age(now(), created_at) AS tenure FROM customers ORDER BY created_at LIMIT 5',
  ),
  q(
    'dates',
    'shipping time',
    'SELECT avg(shipped_at - placed_at) AS avg_ship, max(shipped_at - placed_at) FROM orders WHERE shipped_at IS NOT NULL',
  ),
  q(
    'dates',
    'epoch seconds',
    'SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM shipped_at - placed_at) / 3600) AS median_hours FROM orders WHERE shipped_at IS NOT NULL',
  ),
  q(
    'dates',
    'interval arithmetic',
    "SELECT now() - interval '30 days' AS since, date '2024-03-31' + interval '1 month' AS next_month, make_interval(days => 10)",
  ),
  q(
    'dates',
    'overdue invoices',
    "SELECT count(*), sum(amount_cents) FROM billing.invoices WHERE status = 'open' AND due_at < now()",
  ),
  q(
    'dates',
    'days overdue buckets',
    "SELECT width_bucket(extract(day FROM now() - due_at)::int, 0, 120, 4) AS bucket, count(*) FROM billing.invoices WHERE status = 'open' GROUP BY 1 ORDER BY 1",
  ),
  q(
    'dates',
    'date_bin',
    "SELECT date_bin('6 hours', placed_at, timestamptz '2024-01-01') AS slot, count(*) FROM orders GROUP BY 1 ORDER BY 1 LIMIT 10",
  ),
  q(
    'dates',
    'to_char formats',
    "SELECT to_char(issued_at, 'YYYY-MM'), to_char(amount_cents / 100.0, 'FM999G990D00') FROM billing.invoices ORDER BY issued_at LIMIT 5",
  ),
  q(
    'dates',
    'make_date and timezone',
    "SELECT make_date(2024, 2, 29), placed_at AT TIME ZONE 'Europe/Berlin' FROM orders LIMIT 3",
  ),
  q(
    'dates',
    'overlaps',
    "SELECT count(*) FROM billing.subscriptions WHERE (started_at, coalesce(cancelled_at, now())) OVERLAPS (timestamptz '2024-01-01', timestamptz '2024-07-01')",
  ),
  q(
    'dates',
    'current date functions',
    'SELECT current_date, current_timestamp, localtimestamp, statement_timestamp(), transaction_timestamp()',
  ),
  q(
    'dates',
    'clock_timestamp timing',
    'SELECT clock_timestamp() - statement_timestamp() AS elapsed, timeofday()',
  ),
  q(
    'dates',
    'cohort retention',
    "WITH first AS (SELECT customer_id, date_trunc('month', min(placed_at)) AS cohort FROM orders GROUP BY 1) SELECT f.cohort, date_trunc('month', o.placed_at) AS month, count(DISTINCT o.customer_id) FROM first f JOIN orders o USING (customer_id) GROUP BY 1, 2 ORDER BY 1, 2 LIMIT 30",
  ),
  q(
    'dates',
    'justify and extract',
    "SELECT justify_interval(interval '50 days 30 hours'), extract(quarter FROM date '2024-08-15'), date_part('doy', date '2024-12-31')",
  ),

  // --- regex and strings
  q(
    'strings',
    'regex match subjects',
    "SELECT subject FROM support_tickets WHERE subject ~* '(refund|invoice)' LIMIT 10",
  ),
  q(
    'strings',
    'regexp_replace',
    "SELECT regexp_replace(number, '^INV-(\\d{4})-(\\d+)$', '\\1/\\2') FROM billing.invoices LIMIT 5",
  ),
  q(
    'strings',
    'regexp_match groups',
    "SELECT (regexp_match(number, 'INV-(\\d{4})-'))[1] AS year, count(*) FROM billing.invoices GROUP BY 1 ORDER BY 1",
  ),
  q('strings', 'regexp_matches all', "SELECT m[1] FROM regexp_matches('a1 b22 c333', '(\\d+)', 'g') AS m"),
  q('strings', 'regexp split', "SELECT regexp_split_to_table('alpha, beta;gamma', '[,;]\\s*')"),
  q(
    'strings',
    'regexp count and like',
    "SELECT regexp_count(subject, '\\s') AS spaces, regexp_like(subject, '^[A-Z]') FROM support_tickets LIMIT 5",
  ),
  q('strings', 'substring similar', "SELECT substring(number from '[0-9]+$') FROM billing.invoices LIMIT 3"),
  q(
    'strings',
    'string_agg names',
    "SELECT country, string_agg(name, ', ' ORDER BY name) FROM (SELECT country, name FROM customers ORDER BY id LIMIT 30) c GROUP BY country",
  ),
  q('strings', 'string_agg distinct', "SELECT string_agg(DISTINCT status, '|' ORDER BY status) FROM orders"),
  q(
    'strings',
    'split_part and initcap',
    "SELECT split_part(name, ' ', 1) AS first, initcap(lower(name)) FROM customers LIMIT 5",
  ),
  q(
    'strings',
    'lengths and padding',
    "SELECT lpad(id::text, 6, '0'), length(name), char_length(name), octet_length(name) FROM customers LIMIT 5",
  ),
  q('strings', 'like and ilike', "SELECT count(*) FROM customers WHERE name ILIKE 'a%' OR name LIKE '%son'"),
  q(
    'strings',
    'format and concat',
    "SELECT format('%s (%s) on %s', name, country, plan), concat_ws(' / ', plan, country) FROM customers LIMIT 5",
  ),
  q(
    'strings',
    'left right reverse',
    'SELECT left(number, 3), right(number, 5), reverse(number), upper(status) FROM billing.invoices LIMIT 3',
  ),
  q(
    'strings',
    'translate and replace',
    "SELECT translate(subject, 'aeiou', 'AEIOU'), replace(subject, ' ', '_') FROM support_tickets LIMIT 3",
  ),
  q(
    'strings',
    'md5 and encode',
    "SELECT md5(name), encode(convert_to(country, 'UTF8'), 'hex') FROM customers LIMIT 3",
  ),
  q(
    'strings',
    'position and strpos',
    "SELECT position('-' IN number), strpos(number, '2') FROM billing.invoices LIMIT 3",
  ),
  q(
    'strings',
    'trim variants',
    "SELECT trim(both 'x' from 'xxabcxx'), btrim('  a  '), ltrim('007', '0'), rtrim('a...', '.')",
  ),
  q(
    'strings',
    'starts_with and collate',
    'SELECT name FROM customers WHERE starts_with(name, \'M\') ORDER BY name COLLATE "C" LIMIT 5',
  ),

  // --- ordered-set and statistical aggregates
  q(
    'stats',
    'median and percentiles',
    'SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY total_cents) AS median, percentile_cont(ARRAY[0.25, 0.75]) WITHIN GROUP (ORDER BY total_cents) AS quartiles FROM orders',
  ),
  q(
    'stats',
    'percentile_disc per status',
    'SELECT status, percentile_disc(0.9) WITHIN GROUP (ORDER BY total_cents) AS p90 FROM orders GROUP BY status',
  ),
  q('stats', 'mode', 'SELECT mode() WITHIN GROUP (ORDER BY country) FROM customers'),
  q(
    'stats',
    'hypothetical rank',
    'SELECT rank(20000) WITHIN GROUP (ORDER BY total_cents), percent_rank(20000) WITHIN GROUP (ORDER BY total_cents) FROM orders',
  ),
  q(
    'stats',
    'stddev and variance',
    'SELECT avg(total_cents), stddev(total_cents), variance(total_cents), stddev_pop(total_cents) FROM orders',
  ),
  q(
    'stats',
    'correlation and regression',
    'SELECT corr(seats, extract(epoch FROM started_at)), regr_slope(seats, extract(epoch FROM started_at)), covar_pop(seats, id) FROM billing.subscriptions',
  ),
  q(
    'stats',
    'histogram width_bucket',
    'SELECT width_bucket(total_cents, 0, 50000, 10) AS bucket, count(*) FROM orders GROUP BY 1 ORDER BY 1',
  ),
  q(
    'stats',
    'any_value',
    'SELECT customer_id, any_value(currency), count(*) FROM orders GROUP BY customer_id LIMIT 5',
  ),

  // --- grouping sets
  q(
    'grouping',
    'rollup',
    'SELECT country, plan, count(*) FROM customers GROUP BY ROLLUP (country, plan) ORDER BY country NULLS LAST, plan NULLS LAST LIMIT 30',
  ),
  q('grouping', 'cube', 'SELECT status, currency, count(*) FROM orders GROUP BY CUBE (status, currency)'),
  q(
    'grouping',
    'grouping sets',
    'SELECT plan, country, count(*), GROUPING(plan, country) FROM customers GROUP BY GROUPING SETS ((plan), (country), ()) ORDER BY 4, 1, 2 LIMIT 40',
  ),
  q(
    'grouping',
    'rollup with totals label',
    "SELECT coalesce(status, 'TOTAL') AS status, sum(amount_cents) FROM billing.invoices GROUP BY ROLLUP (status)",
  ),
  q(
    'grouping',
    'group by distinct',
    'SELECT plan, country, count(*) FROM customers GROUP BY DISTINCT ROLLUP (plan), ROLLUP (plan, country) LIMIT 20',
  ),

  // --- FILTER
  q(
    'filter',
    'conditional counts',
    "SELECT count(*) FILTER (WHERE status = 'paid') AS paid, count(*) FILTER (WHERE status = 'refunded') AS refunded, count(*) FROM orders",
  ),
  q(
    'filter',
    'pivot by plan',
    "SELECT country, count(*) FILTER (WHERE plan = 'free') free, count(*) FILTER (WHERE plan = 'team') team, count(*) FILTER (WHERE plan = 'enterprise') enterprise FROM customers GROUP BY country ORDER BY country LIMIT 10",
  ),
  q(
    'filter',
    'sum filter',
    "SELECT sum(amount_cents) FILTER (WHERE status = 'paid') AS collected, sum(amount_cents) FILTER (WHERE status IN ('open', 'uncollectible')) AS outstanding FROM billing.invoices",
  ),
  q(
    'filter',
    'ticket sla',
    "SELECT priority, avg(closed_at - opened_at) FILTER (WHERE status = 'closed') AS time_to_close, count(*) FILTER (WHERE closed_at IS NULL) AS still_open FROM support_tickets GROUP BY priority",
  ),

  // --- arrays
  q(
    'arrays',
    'array_agg',
    'SELECT customer_id, array_agg(id ORDER BY placed_at) FROM orders GROUP BY customer_id ORDER BY customer_id LIMIT 5',
  ),
  q(
    'arrays',
    'unnest with ordinality',
    "SELECT * FROM unnest(ARRAY['a', 'b', 'c']) WITH ORDINALITY AS t(letter, n)",
  ),
  q(
    'arrays',
    'any and all',
    "SELECT count(*) FROM orders WHERE status = ANY (ARRAY['paid', 'shipped']) AND total_cents > ALL (ARRAY[100, 200])",
  ),
  q(
    'arrays',
    'array operators',
    'SELECT ARRAY[1, 2, 3] @> ARRAY[2], ARRAY[1, 2] && ARRAY[2, 9], ARRAY[1] || ARRAY[2, 3], array_length(ARRAY[1, 2, 3], 1)',
  ),
  q(
    'arrays',
    'array functions',
    "SELECT array_position(ARRAY['x', 'y'], 'y'), array_remove(ARRAY[1, 2, 1], 1), array_to_string(ARRAY[1, 2], '-'), cardinality(ARRAY[[1, 2], [3, 4]])",
  ),
  q('arrays', 'string_to_array', "SELECT string_to_array('a,b,,c', ','), string_to_table('a b c', ' ')"),
  q('arrays', 'array slicing', 'SELECT (array_agg(id ORDER BY total_cents DESC))[1:3] FROM orders'),
  q('arrays', 'generate_subscripts', 'SELECT generate_subscripts(ARRAY[10, 20, 30], 1)'),
  q(
    'arrays',
    'array sample and shuffle',
    'SELECT array_sample(ARRAY[1, 2, 3, 4, 5], 2), array_shuffle(ARRAY[1, 2, 3])',
  ),

  // --- full-text search
  q(
    'fts',
    'match tickets',
    "SELECT id, subject FROM support_tickets WHERE to_tsvector('english', subject) @@ plainto_tsquery('english', 'refund') LIMIT 10",
  ),
  q(
    'fts',
    'ranked search',
    "SELECT id, subject, ts_rank(to_tsvector('english', subject), q) AS rank FROM support_tickets, to_tsquery('english', 'invoice | payment') q WHERE to_tsvector('english', subject) @@ q ORDER BY rank DESC LIMIT 10",
  ),
  q(
    'fts',
    'websearch query',
    "SELECT count(*) FROM support_tickets WHERE to_tsvector('english', subject) @@ websearch_to_tsquery('english', 'order -cancel')",
  ),
  q(
    'fts',
    'headline',
    "SELECT ts_headline('english', subject, to_tsquery('english', 'order')) FROM support_tickets WHERE subject ILIKE '%order%' LIMIT 3",
  ),
  q(
    'fts',
    'phrase and lexemes',
    "SELECT to_tsvector('english', 'The quick brown foxes jumped'), phraseto_tsquery('english', 'brown fox'), tsvector_to_array(to_tsvector('simple', 'a b c'))",
  ),

  // --- ranges
  q(
    'ranges',
    'subscription periods',
    'SELECT id, tstzrange(started_at, cancelled_at) AS period FROM billing.subscriptions ORDER BY id LIMIT 5',
  ),
  q(
    'ranges',
    'range containment',
    "SELECT count(*) FROM billing.subscriptions WHERE tstzrange(started_at, cancelled_at) @> timestamptz '2024-06-01'",
  ),
  q(
    'ranges',
    'range overlap',
    'SELECT count(*) FROM billing.subscriptions a JOIN billing.subscriptions b ON a.customer_id = b.customer_id AND a.id < b.id AND tstzrange(a.started_at, a.cancelled_at) && tstzrange(b.started_at, b.cancelled_at)',
  ),
  q(
    'ranges',
    'numeric ranges',
    "SELECT int4range(1, 10) * int4range(5, 15), upper(int4range(1, 10)), isempty(numrange(1, 1)), numrange(1.5, 2.5, '[]')",
  ),
  q(
    'ranges',
    'range_agg multirange',
    'SELECT customer_id, range_agg(tstzrange(started_at, cancelled_at)) FROM billing.subscriptions GROUP BY customer_id LIMIT 5',
  ),
  q(
    'ranges',
    'daterange buckets',
    "SELECT r, count(o.id) FROM (VALUES (daterange('2024-01-01', '2024-04-01')), (daterange('2024-04-01', '2024-07-01'))) v(r) LEFT JOIN orders o ON r @> o.placed_at::date GROUP BY r ORDER BY r",
  ),

  // --- set operations and misc
  q(
    'sets',
    'union',
    "SELECT 'order' AS kind, count(*) FROM orders UNION ALL SELECT 'ticket', count(*) FROM support_tickets UNION ALL SELECT 'invoice', count(*) FROM billing.invoices",
  ),
  q(
    'sets',
    'intersect',
    'SELECT customer_id FROM orders INTERSECT SELECT customer_id FROM support_tickets ORDER BY 1 LIMIT 10',
  ),
  q(
    'sets',
    'except',
    'SELECT id FROM customers EXCEPT SELECT customer_id FROM billing.subscriptions ORDER BY 1 LIMIT 10',
  ),
  q(
    'sets',
    'distinct on',
    'SELECT DISTINCT ON (customer_id) customer_id, id, placed_at FROM orders ORDER BY customer_id, placed_at DESC LIMIT 10',
  ),
  q('sets', 'random sample', 'SELECT id, plan FROM customers ORDER BY random() LIMIT 5'),
  q('sets', 'tablesample', 'SELECT count(*) > 0 FROM orders TABLESAMPLE BERNOULLI (10) REPEATABLE (42)'),
  q('sets', 'uuid generation', 'SELECT gen_random_uuid() IS NOT NULL, random() < 1'),
  q('sets', 'row comparison', 'SELECT count(*) FROM orders WHERE (customer_id, total_cents) > (100, 5000)'),
  q(
    'sets',
    'is distinct from',
    "SELECT count(*) FROM orders WHERE shipped_at IS DISTINCT FROM NULL AND status IS NOT DISTINCT FROM 'shipped'",
  ),
  q(
    'sets',
    'math functions',
    'SELECT round(avg(total_cents) / 100.0, 2), ceil(1.2), floor(-1.2), abs(-3), power(2, 10), sqrt(2), ln(10), log(100), mod(17, 5), div(17, 5) FROM orders',
  ),
  q(
    'sets',
    'numeric formatting',
    "SELECT round(123.4567, 2), trunc(123.4567, 1), to_char(1234567.891, '9G999G999D99'), scale(1.230)",
  ),
  q(
    'sets',
    'typeof and sizes',
    "SELECT pg_typeof(total_cents), pg_column_size(name), pg_size_pretty(pg_total_relation_size('orders')) FROM orders JOIN customers ON customers.id = orders.customer_id LIMIT 1",
  ),
  q(
    'sets',
    'xml output',
    'SELECT xmlelement(name customer, xmlattributes(id AS id), name) FROM customers LIMIT 2',
  ),

  // --- catalog, sizes and settings an analyst asks about
  q(
    'catalog',
    'table sizes',
    "SELECT relname, pg_size_pretty(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY pg_total_relation_size(c.oid) DESC",
  ),
  q(
    'catalog',
    'relation and index sizes',
    "SELECT pg_relation_size('orders'), pg_table_size('orders'), pg_indexes_size('orders'), pg_total_relation_size('orders')",
  ),
  q('catalog', 'database size', 'SELECT pg_size_pretty(pg_database_size(current_database()))'),
  q(
    'catalog',
    'information schema columns',
    "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'orders' ORDER BY ordinal_position",
  ),
  q(
    'catalog',
    'table comments',
    "SELECT c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'",
  ),
  q(
    'catalog',
    'index definitions',
    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1",
  ),
  q(
    'catalog',
    'table stats',
    'SELECT relname, n_live_tup, seq_scan, idx_scan FROM pg_stat_user_tables ORDER BY relname',
  ),
  q(
    'catalog',
    'regclass of a name',
    "SELECT 'public.orders'::regclass::oid > 0, to_regclass('customers') IS NOT NULL",
  ),
  q('catalog', 'show settings', 'SHOW work_mem'),
  q('catalog', 'show timezone', 'SHOW TimeZone'),
  q('catalog', 'version', "SELECT version(), current_setting('server_version_num')::int >= 160000"),
  q('catalog', 'current user and schema', 'SELECT current_user, current_schema(), current_database()'),

  // --- EXPLAIN, through explain_query
  q(
    'explain',
    'plan of a join',
    'SELECT c.country, sum(o.total_cents) FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY c.country',
    true,
  ),
  q('explain', 'plan of an index lookup', 'SELECT * FROM orders WHERE customer_id = 42', true),
  q(
    'explain',
    'plan of a window query',
    'SELECT customer_id, rank() OVER (ORDER BY total_cents DESC) FROM orders',
    true,
  ),
  q(
    'explain',
    'plan of a recursive cte',
    'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) SELECT * FROM n',
    true,
  ),
  q(
    'explain',
    'plan of a billing report',
    "SELECT s.plan, sum(i.amount_cents) FROM billing.invoices i JOIN billing.subscriptions s ON s.id = i.subscription_id WHERE i.status = 'paid' GROUP BY s.plan",
    true,
  ),
  q(
    'explain',
    'plan of a lateral join',
    'SELECT c.id, o.id FROM customers c CROSS JOIN LATERAL (SELECT id FROM orders WHERE customer_id = c.id ORDER BY placed_at DESC LIMIT 1) o',
    true,
  ),
  q(
    'explain',
    'plan of a full-text search',
    "SELECT id FROM support_tickets WHERE to_tsvector('english', subject) @@ plainto_tsquery('english', 'refund')",
    true,
  ),
];
