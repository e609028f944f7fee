//! The connector list's filter, sort and search state, and its URL query-string form.
//!
//! Views keep a [`ListQuery`] in the URL so a filtered list can be bookmarked and shared.
//! Matching compiles the query once ([`CompiledQuery`]) and runs against the haystack each
//! row built when it last changed, so typing costs one substring scan per row and no
//! allocation per row.

use std::cmp::Ordering;
use std::sync::Arc;

use crate::protocol::model::ConnectorType;
use crate::state::reconcile::{ClusterRows, ConnectorRow, RowKey, RowsRevision};
use crate::state::rollup::Health;

/// Every sortable column of the connector list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum SortColumn {
    #[default]
    Name,
    Cluster,
    Type,
    Class,
    State,
    Tasks,
    Workers,
    Topics,
}

impl SortColumn {
    pub const ALL: [SortColumn; 8] = [
        SortColumn::Name,
        SortColumn::Cluster,
        SortColumn::Type,
        SortColumn::Class,
        SortColumn::State,
        SortColumn::Tasks,
        SortColumn::Workers,
        SortColumn::Topics,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SortColumn::Name => "name",
            SortColumn::Cluster => "cluster",
            SortColumn::Type => "type",
            SortColumn::Class => "class",
            SortColumn::State => "state",
            SortColumn::Tasks => "tasks",
            SortColumn::Workers => "workers",
            SortColumn::Topics => "topics",
        }
    }

    pub fn parse(s: &str) -> Option<SortColumn> {
        SortColumn::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum SortDir {
    #[default]
    Asc,
    Desc,
}

impl SortDir {
    pub fn toggled(self) -> SortDir {
        match self {
            SortDir::Asc => SortDir::Desc,
            SortDir::Desc => SortDir::Asc,
        }
    }
}

/// Filters, search text, sort and view of the connector list. Empty filter lists mean "all".
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ListQuery {
    /// Whitespace-separated terms; every term must occur in the name, class, a topic or a
    /// config value (case-insensitive).
    pub search: String,
    pub clusters: Vec<String>,
    pub states: Vec<Health>,
    pub types: Vec<ConnectorType>,
    /// Full class names or short names.
    pub classes: Vec<String>,
    pub sort: SortColumn,
    pub dir: SortDir,
    /// "Needs attention": failed first, then degraded, then the rest.
    pub attention: bool,
}

impl ListQuery {
    /// Clicking a column header: the same column flips direction, another sorts ascending.
    pub fn sort_by(&mut self, column: SortColumn) {
        if self.sort == column {
            self.dir = self.dir.toggled();
        } else {
            self.sort = column;
            self.dir = SortDir::Asc;
        }
    }

    pub fn is_filtered(&self) -> bool {
        !self.search.trim().is_empty()
            || !self.clusters.is_empty()
            || !self.states.is_empty()
            || !self.types.is_empty()
            || !self.classes.is_empty()
    }

    /// The URL query string (without `?`); default values are left out.
    pub fn to_query_string(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut push = |k: &str, v: &str| parts.push(format!("{k}={}", encode_component(v)));
        if !self.search.trim().is_empty() {
            push("q", self.search.trim());
        }
        for c in &self.clusters {
            push("cluster", c);
        }
        for s in &self.states {
            push("state", s.as_str());
        }
        for t in &self.types {
            push("type", t.as_str());
        }
        for c in &self.classes {
            push("class", c);
        }
        if self.sort != SortColumn::Name {
            push("sort", self.sort.as_str());
        }
        if self.dir == SortDir::Desc {
            push("dir", "desc");
        }
        if self.attention {
            push("view", "attention");
        }
        parts.join("&")
    }

    /// Parses a query string (with or without `?`). Unknown keys and values are ignored, so
    /// an old bookmark never breaks the page.
    pub fn from_query_string(qs: &str) -> ListQuery {
        let mut q = ListQuery::default();
        for pair in qs.trim_start_matches('?').split('&') {
            if pair.is_empty() {
                continue;
            }
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let Some(v) = decode_component(v) else {
                continue;
            };
            let values = || v.split(',').map(str::trim).filter(|s| !s.is_empty());
            match k {
                "q" => q.search = v.clone(),
                "cluster" => values().for_each(|c| push_unique(&mut q.clusters, c.to_string())),
                "state" => values()
                    .filter_map(Health::parse)
                    .for_each(|h| push_unique(&mut q.states, h)),
                "type" => values()
                    .map(ConnectorType::parse)
                    .for_each(|t| push_unique(&mut q.types, t)),
                "class" => values().for_each(|c| push_unique(&mut q.classes, c.to_string())),
                "sort" => {
                    if let Some(c) = SortColumn::parse(&v) {
                        q.sort = c;
                    }
                }
                "dir" => {
                    q.dir = if v == "desc" {
                        SortDir::Desc
                    } else {
                        SortDir::Asc
                    }
                }
                "view" => q.attention = v == "attention",
                _ => {}
            }
        }
        q
    }

    pub fn compile(&self) -> CompiledQuery {
        CompiledQuery {
            terms: self
                .search
                .split_whitespace()
                .map(str::to_lowercase)
                .collect(),
            query: self.clone(),
        }
    }
}

fn push_unique<T: PartialEq>(v: &mut Vec<T>, x: T) {
    if !v.contains(&x) {
        v.push(x);
    }
}

/// A query ready to run: search terms lower-cased once.
#[derive(Clone, Debug)]
pub struct CompiledQuery {
    terms: Vec<String>,
    query: ListQuery,
}

impl CompiledQuery {
    pub fn matches(&self, row: &ConnectorRow) -> bool {
        let q = &self.query;
        if !q.clusters.is_empty() && !q.clusters.iter().any(|c| c == row.cluster()) {
            return false;
        }
        if !q.states.is_empty() && !q.states.contains(&row.health) {
            return false;
        }
        if !q.types.is_empty() && !q.types.contains(&row.kind) {
            return false;
        }
        if !q.classes.is_empty()
            && !q
                .classes
                .iter()
                .any(|c| row.class.as_deref() == Some(c.as_str()) || row.class_short == c.as_str())
        {
            return false;
        }
        let hay = row.haystack();
        self.terms.iter().all(|t| hay.contains(t.as_str()))
    }

    pub fn compare(&self, a: &ConnectorRow, b: &ConnectorRow) -> Ordering {
        let q = &self.query;
        let attention = if q.attention {
            attention_rank(a.health).cmp(&attention_rank(b.health))
        } else {
            Ordering::Equal
        };
        let by_column = match q.sort {
            SortColumn::Name => cmp_text(a.name(), b.name()),
            SortColumn::Cluster => a.cluster().cmp(b.cluster()),
            SortColumn::Type => a.kind.cmp(&b.kind),
            SortColumn::Class => {
                cmp_text(&a.class_short, &b.class_short).then_with(|| a.class.cmp(&b.class))
            }
            SortColumn::State => a.health.cmp(&b.health),
            SortColumn::Tasks => (a.tasks_failed, a.tasks.len(), a.tasks_running).cmp(&(
                b.tasks_failed,
                b.tasks.len(),
                b.tasks_running,
            )),
            SortColumn::Workers => a.workers.first().cmp(&b.workers.first()),
            SortColumn::Topics => a.topics.first().cmp(&b.topics.first()),
        };
        let by_column = match q.dir {
            SortDir::Asc => by_column,
            SortDir::Desc => by_column.reverse(),
        };
        attention
            .then(by_column)
            .then_with(|| cmp_text(a.name(), b.name()))
            .then_with(|| a.cluster().cmp(b.cluster()))
    }

    /// Whether every row this query matches is also matched by `prev`: the same filters and
    /// order, and each of `prev`'s search terms inside one of this query's terms ("or" →
    /// "ord", "a b" → "ab"), so a row holding every new term holds every old one.
    pub fn narrows(&self, prev: &CompiledQuery) -> bool {
        let (a, b) = (&self.query, &prev.query);
        (
            &a.clusters,
            &a.states,
            &a.types,
            &a.classes,
            a.sort,
            a.dir,
            a.attention,
        ) == (
            &b.clusters,
            &b.states,
            &b.types,
            &b.classes,
            b.sort,
            b.dir,
            b.attention,
        ) && prev
            .terms
            .iter()
            .all(|old| self.terms.iter().any(|new| new.contains(old.as_str())))
    }

    /// Filters and sorts rows; returns references into the input.
    pub fn apply<'a>(
        &self,
        rows: impl IntoIterator<Item = &'a Arc<ConnectorRow>>,
    ) -> Vec<&'a Arc<ConnectorRow>> {
        let mut out: Vec<&Arc<ConnectorRow>> =
            rows.into_iter().filter(|r| self.matches(r)).collect();
        out.sort_by(|a, b| self.compare(a, b));
        out
    }
}

/// Failed, then degraded, then everything else.
fn attention_rank(h: Health) -> u8 {
    match h {
        Health::Unhealthy => 0,
        Health::Degraded => 1,
        _ => 2,
    }
}

/// Case-insensitive comparison without allocating; ties broken by the raw bytes.
fn cmp_text(a: &str, b: &str) -> Ordering {
    let ai = a.bytes().map(|c| c.to_ascii_lowercase());
    let bi = b.bytes().map(|c| c.to_ascii_lowercase());
    ai.cmp(bi).then_with(|| a.cmp(b))
}

/// Percent-encodes a query value (RFC 3986 unreserved characters stay as they are).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decodes a query value: `%XX` escapes and `+` as space. `None` for invalid UTF-8.
pub fn decode_component(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 3;
                        continue;
                    }
                    None => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// A list query's result kept up to date across refreshes without re-sorting every row.
///
/// It remembers the rows it last saw (per cluster, in name order; unchanged rows keep their
/// `Arc`, see `ClusterRows::apply_listing`) and every row sorted by the query's order. A
/// refresh that changed a few rows costs one pointer comparison per row, a binary search and
/// a merge for the changed ones, and one filter pass; only a new sort order sorts everything.
#[derive(Debug, Default)]
pub struct LiveQuery {
    /// The query the result is for (`None` before the first update).
    query: Option<CompiledQuery>,
    /// Rows last seen, by cluster, each in name order.
    seen: Vec<(String, Vec<Arc<ConnectorRow>>)>,
    /// The revision each cluster's rows were seen at ([`LiveQuery::update_rows`]), by
    /// cluster; a cluster not in here is compared row by row.
    seen_at: Vec<(String, RowsRevision)>,
    /// Every row (filters ignored), in the query's order.
    sorted: Vec<Arc<ConnectorRow>>,
    /// The result's rows, in order (the versions `sorted` holds).
    matched: Vec<Arc<ConnectorRow>>,
    /// The result: keys of the matching rows, in order.
    keys: Vec<RowKey>,
}

/// What [`LiveQuery::update`] did (for tests and profiling).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LiveUpdate {
    /// Whether the result (keys or their order) changed.
    pub changed: bool,
    /// Whether every row had to be sorted again (new sort order or first run).
    pub full_sort: bool,
    /// Rows added, changed or removed since the previous update.
    pub rows_moved: usize,
    /// Whether only the previous result was filtered: the search was narrowed (every old term
    /// is inside a new one, as when typing on), nothing else changed and no row moved.
    pub narrowed: bool,
    /// Clusters caught up from their change log alone ([`LiveQuery::update_rows`]), without
    /// comparing every row.
    pub from_log: usize,
}

impl LiveQuery {
    /// The current result: keys of the matching rows, in order.
    pub fn keys(&self) -> &[RowKey] {
        &self.keys
    }

    /// Brings the result up to date with `query` over `clusters` (each cluster's id and its
    /// rows in name order, as `ClusterRows::rows` yields them).
    pub fn update<'a, C, R>(&mut self, query: &ListQuery, clusters: C) -> LiveUpdate
    where
        C: IntoIterator<Item = (&'a str, R)>,
        R: IntoIterator<Item = &'a Arc<ConnectorRow>>,
    {
        // 1. Which rows changed since the last update: old versions out, new versions in.
        let mut gone: Vec<Arc<ConnectorRow>> = Vec::new();
        let mut fresh: Vec<Arc<ConnectorRow>> = Vec::new();
        let mut old_seen = std::mem::take(&mut self.seen);
        self.seen_at.clear();
        for (cluster, rows) in clusters {
            let before = match old_seen.iter().position(|(c, _)| c == cluster) {
                Some(i) => old_seen.swap_remove(i).1,
                None => Vec::new(),
            };
            let now = diff_by_name(before, rows, &mut gone, &mut fresh);
            self.seen.push((cluster.to_string(), now));
        }
        for (_, rows) in old_seen {
            gone.extend(rows);
        }
        self.apply(query, gone, fresh, 0)
    }

    /// [`LiveQuery::update`] over the clusters' rows themselves: a cluster seen before catches
    /// up from its change log ([`ClusterRows::changes_since`]), one lookup per changed name,
    /// instead of comparing its every row (10,000 per refresh); one whose log no longer
    /// reaches back is compared row by row.
    pub fn update_rows<'a, C>(&mut self, query: &ListQuery, clusters: C) -> LiveUpdate
    where
        C: IntoIterator<Item = (&'a str, &'a ClusterRows)>,
    {
        let mut gone: Vec<Arc<ConnectorRow>> = Vec::new();
        let mut fresh: Vec<Arc<ConnectorRow>> = Vec::new();
        let mut old_seen = std::mem::take(&mut self.seen);
        let old_at = std::mem::take(&mut self.seen_at);
        let mut from_log = 0;
        for (cluster, rows) in clusters {
            let before = match old_seen.iter().position(|(c, _)| c == cluster) {
                Some(i) => old_seen.swap_remove(i).1,
                None => Vec::new(),
            };
            let log = old_at
                .iter()
                .find(|(c, _)| c == cluster)
                .and_then(|(_, at)| rows.changes_since(*at));
            let now = match log {
                Some(names) => {
                    from_log += 1;
                    catch_up(before, names, rows, &mut gone, &mut fresh)
                }
                None => diff_by_name(before, rows.rows(), &mut gone, &mut fresh),
            };
            self.seen.push((cluster.to_string(), now));
            self.seen_at.push((cluster.to_string(), rows.revision()));
        }
        for (_, rows) in old_seen {
            gone.extend(rows);
        }
        self.apply(query, gone, fresh, from_log)
    }

    /// Steps 2 to 4 of an update, given the rows that went (old versions) and came.
    fn apply(
        &mut self,
        query: &ListQuery,
        gone: Vec<Arc<ConnectorRow>>,
        mut fresh: Vec<Arc<ConnectorRow>>,
        from_log: usize,
    ) -> LiveUpdate {
        let rows_moved = gone.len().max(fresh.len());

        // 2. Every row in the query's order.
        let same_order = self.query.as_ref().is_some_and(|c| {
            let p = &c.query;
            (p.sort, p.dir, p.attention) == (query.sort, query.dir, query.attention)
        });
        let same_query = self.query.as_ref().is_some_and(|c| c.query == *query);
        let mut narrows = false;
        if !same_query {
            let next = query.compile();
            narrows = rows_moved == 0 && self.query.as_ref().is_some_and(|prev| next.narrows(prev));
            self.query = Some(next);
        }
        let compiled = self.query.as_ref().expect("set above");
        // Decided before `fresh` is sorted and merged: see step 3.
        let in_place = if same_query {
            in_place_plan(&self.matched, &gone, &fresh, compiled)
        } else {
            None
        };
        let mut full_sort = !same_order;
        if same_order && (!gone.is_empty() || !fresh.is_empty()) {
            full_sort = !remove_sorted(&mut self.sorted, &gone, compiled);
            if !full_sort {
                fresh.sort_by(|a, b| compiled.compare(a, b));
                self.sorted = merge_sorted(std::mem::take(&mut self.sorted), fresh, compiled);
            }
        }
        if full_sort {
            self.sorted = self
                .seen
                .iter()
                .flat_map(|(_, r)| r.iter().cloned())
                .collect();
            self.sorted.sort_by(|a, b| compiled.compare(a, b));
        }
        if same_query && rows_moved == 0 && !full_sort {
            return LiveUpdate {
                from_log,
                ..LiveUpdate::default()
            };
        }
        // 3. Rows that changed in place, under an order by key: the result keeps its keys and
        //    only takes the new versions (a refresh does not filter every row again).
        if let Some(plan) = in_place.filter(|_| !full_sort) {
            for (i, row) in plan {
                self.matched[i] = row;
            }
            return LiveUpdate {
                rows_moved,
                from_log,
                ..LiveUpdate::default()
            };
        }

        // 4. Filter (only the previous result when the search narrowed: nothing else can
        //    match), and keep the previous keys as far as the same rows come in the same order.
        let narrowed = narrows && !full_sort;
        let candidates = if narrowed {
            &self.matched
        } else {
            &self.sorted
        };
        let matched: Vec<Arc<ConnectorRow>> = candidates
            .iter()
            .filter(|r| compiled.matches(r))
            .cloned()
            .collect();
        let same = self
            .matched
            .iter()
            .zip(&matched)
            .take_while(|(old, new)| Arc::ptr_eq(old, new) || old.key == new.key)
            .count();
        let changed = same != self.keys.len() || same != matched.len();
        if changed {
            self.keys.truncate(same);
            self.keys
                .extend(matched[same..].iter().map(|r| r.key.clone()));
        }
        self.matched = matched;
        LiveUpdate {
            changed,
            full_sort,
            rows_moved,
            narrowed,
            from_log,
        }
    }
}

/// [`diff_by_name`] for a cluster whose changed names are known: `before` (in name order)
/// takes the current version of each named row, and only those are compared. The same
/// outcome as comparing every row, since a row not named did not change.
fn catch_up(
    mut before: Vec<Arc<ConnectorRow>>,
    names: &[Arc<str>],
    rows: &ClusterRows,
    gone: &mut Vec<Arc<ConnectorRow>>,
    fresh: &mut Vec<Arc<ConnectorRow>>,
) -> Vec<Arc<ConnectorRow>> {
    for name in names {
        let at = before.binary_search_by(|r| r.name().cmp(name));
        match (at, rows.get(name)) {
            (Ok(i), Some(b)) => {
                if Arc::ptr_eq(&before[i], b) {
                    continue; // named twice, or put back as it was
                }
                let a = std::mem::replace(&mut before[i], b.clone());
                if *a != **b {
                    gone.push(a);
                    fresh.push(b.clone());
                }
            }
            (Ok(i), None) => gone.push(before.remove(i)),
            (Err(i), Some(b)) => {
                before.insert(i, b.clone());
                fresh.push(b.clone());
            }
            (Err(_), None) => {}
        }
    }
    before
}

/// The rows `now` (in name order) against the ones seen `before`: old versions of changed
/// or vanished rows go to `gone`, new versions of changed or new rows to `fresh`; returns
/// `now` as the next `before`. A row that is the same `Arc` is moved over without touching
/// it (at 10,000 rows, cloning and dropping every row's count on each refresh showed up in
/// the profile).
fn diff_by_name<'a>(
    before: Vec<Arc<ConnectorRow>>,
    now: impl IntoIterator<Item = &'a Arc<ConnectorRow>>,
    gone: &mut Vec<Arc<ConnectorRow>>,
    fresh: &mut Vec<Arc<ConnectorRow>>,
) -> Vec<Arc<ConnectorRow>> {
    let mut out = Vec::with_capacity(before.len());
    let mut old = before.into_iter().peekable();
    for b in now {
        loop {
            let Some(a) = old.peek() else {
                fresh.push(b.clone());
                out.push(b.clone());
                break;
            };
            if Arc::ptr_eq(a, b) {
                out.extend(old.next());
                break;
            }
            match a.name().cmp(b.name()) {
                Ordering::Equal => {
                    let a = old.next().expect("peeked");
                    if *a != **b {
                        gone.push(a);
                        fresh.push(b.clone());
                    }
                    out.push(b.clone());
                    break;
                }
                Ordering::Less => gone.extend(old.next()),
                Ordering::Greater => {
                    fresh.push(b.clone());
                    out.push(b.clone());
                    break;
                }
            }
        }
    }
    gone.extend(old);
    out
}

/// When every changed row (`gone[i]` → `fresh[i]`, the same key) keeps its place because
/// the order depends only on the key, and matches the query exactly when its old version
/// did, the result keeps its keys: returns where each matching new version goes in
/// `matched`. `None` otherwise.
fn in_place_plan(
    matched: &[Arc<ConnectorRow>],
    gone: &[Arc<ConnectorRow>],
    fresh: &[Arc<ConnectorRow>],
    q: &CompiledQuery,
) -> Option<Vec<(usize, Arc<ConnectorRow>)>> {
    let p = &q.query;
    if gone.len() != fresh.len()
        || p.attention
        || !matches!(p.sort, SortColumn::Name | SortColumn::Cluster)
    {
        return None;
    }
    let mut plan = Vec::new();
    for (old, new) in gone.iter().zip(fresh) {
        if old.key != new.key {
            return None;
        }
        let listed = q.matches(old);
        if listed != q.matches(new) {
            return None;
        }
        if listed {
            match matched.binary_search_by(|probe| q.compare(probe, old)) {
                Ok(i) if matched[i].key == old.key => plan.push((i, new.clone())),
                _ => return None,
            }
        }
    }
    Some(plan)
}

/// Removes the rows of `gone` (old versions, as `sorted` holds them) by binary search. `false` when one is not
/// where the order says (the caller then sorts everything again).
fn remove_sorted(
    sorted: &mut Vec<Arc<ConnectorRow>>,
    gone: &[Arc<ConnectorRow>],
    q: &CompiledQuery,
) -> bool {
    if gone.is_empty() {
        return true;
    }
    let mut at = Vec::with_capacity(gone.len());
    for g in gone {
        match sorted.binary_search_by(|probe| q.compare(probe, g)) {
            Ok(i) if sorted[i].key == g.key => at.push(i),
            _ => return false,
        }
    }
    at.sort_unstable();
    at.dedup();
    let mut next = at.iter().peekable();
    let mut i = 0;
    sorted.retain(|_| {
        let drop = next.peek().is_some_and(|&&k| k == i);
        if drop {
            next.next();
        }
        i += 1;
        !drop
    });
    true
}

/// Merges a few sorted rows (`b`) into many (`a`): a binary search per row of `b` and block
/// copies of `a`, so the cost is O(|b| log |a|) comparisons.
fn merge_sorted(
    a: Vec<Arc<ConnectorRow>>,
    b: Vec<Arc<ConnectorRow>>,
    q: &CompiledQuery,
) -> Vec<Arc<ConnectorRow>> {
    if b.is_empty() {
        return a;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    // `a`'s rows are moved, not cloned (no count touched per row).
    let mut rest = a.into_iter();
    for row in b {
        let at = rest
            .as_slice()
            .partition_point(|x| q.compare(x, &row) != Ordering::Greater);
        out.extend(rest.by_ref().take(at));
        out.push(row);
    }
    out.extend(rest);
    out
}
