//! The cache, the twin of gc-cache/go/cache.go: the same entries, keys,
//! shard function and key sequence; Arc'd immutable entries swapped on update.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;

/// How many heap-allocated items each entry owns.
pub const ITEMS_PER_ENTRY: u64 = 4;
const SHARD_COUNT: usize = 64;
/// Fixed start-up timestamp so fresh Go and Rust servers answer alike.
const BASE_UNIX_NS: i64 = 1_700_000_000_000_000_000;

/// A small heap object behind a pointer (Box), like Go's *Item.
#[derive(Debug, Serialize)]
pub struct Item {
    pub id: u64,
    pub value: i64,
    pub label: String,
}

/// One long-lived cache value; field order matches Go (identical JSON).
#[derive(Debug, Serialize)]
// Box per item on purpose: each item is its own heap object reached through
// a pointer, exactly as Go's []*Item (the pointer-rich shape under test).
#[allow(clippy::vec_box)]
pub struct Entry {
    pub key: String,
    pub version: u64,
    pub updated_unix_ns: i64,
    pub items: Vec<Box<Item>>,
}

/// Sharded map guarded by one RwLock per shard (std's default SipHash hasher:
/// the idiomatic choice, as Go's built-in map hash is on its side).
pub struct Cache {
    shards: Vec<RwLock<HashMap<String, Arc<Entry>>>>,
    entries: u64,
    next: AtomicU64,
}

fn fnv1a64(s: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e3779b97f4a7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d049bb133111eb);
    x ^ (x >> 31)
}

/// Key of entry i.
pub fn key_of(i: u64) -> String {
    format!("k{i}")
}

fn initial_entry(i: u64) -> Entry {
    let key = key_of(i);
    let items = (0..ITEMS_PER_ENTRY)
        .map(|j| {
            Box::new(Item {
                id: i * ITEMS_PER_ENTRY + j,
                value: ((i * 31 + j * 7) % 1000) as i64,
                label: format!("{key}/{j}"),
            })
        })
        .collect();
    Entry { key, version: 0, updated_unix_ns: BASE_UNIX_NS + i as i64, items }
}

impl Cache {
    /// Builds and fills a cache of n entries (keys k0..k{n-1}).
    pub fn new(n: u64) -> Cache {
        let per = (n as usize) / SHARD_COUNT + 1;
        let mut maps: Vec<HashMap<String, Arc<Entry>>> = (0..SHARD_COUNT).map(|_| HashMap::with_capacity(per)).collect();
        for i in 0..n {
            let e = initial_entry(i);
            let s = (fnv1a64(&e.key) % SHARD_COUNT as u64) as usize;
            maps[s].insert(e.key.clone(), Arc::new(e));
        }
        Cache { shards: maps.into_iter().map(RwLock::new).collect(), entries: n, next: AtomicU64::new(0) }
    }

    fn shard_of(&self, key: &str) -> &RwLock<HashMap<String, Arc<Entry>>> {
        &self.shards[(fnv1a64(key) % SHARD_COUNT as u64) as usize]
    }

    /// The entry for key, if any (an Arc clone: serialised outside the lock).
    pub fn get(&self, key: &str) -> Option<Arc<Entry>> {
        self.shard_of(key).read().expect("shard lock").get(key).cloned()
    }

    /// Next key of the pseudo-random sequence shared with Go.
    pub fn next_key(&self) -> String {
        key_of(splitmix64(self.next.fetch_add(1, Ordering::Relaxed)) % self.entries)
    }

    /// Swaps in a new version: every item value +1, new boxes, timestamp now.
    pub fn update(&self, key: &str) -> Option<Arc<Entry>> {
        let mut map = self.shard_of(key).write().expect("shard lock");
        // Replace the value in its slot, as Go's `s.m[key] = e`: `insert` would
        // allocate a fresh key String per update only to drop it (the map keeps
        // the old key), an allocation the Go twin does not make.
        let slot = map.get_mut(key)?;
        let items = slot
            .items
            .iter()
            .map(|it| Box::new(Item { id: it.id, value: it.value + 1, label: it.label.clone() }))
            .collect();
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as i64).unwrap_or(0);
        let e = Arc::new(Entry { key: slot.key.clone(), version: slot.version + 1, updated_unix_ns: now, items });
        let old = std::mem::replace(slot, Arc::clone(&e));
        drop(map);
        // Free the old version (if no reader still holds it) after unlocking:
        // Go's old entry is garbage that costs the writer nothing under the lock.
        drop(old);
        Some(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_json_matches_go() {
        let c = Cache::new(100);
        let e = c.get("k42").unwrap();
        // The same body the Go test (cache_test.go) expects.
        assert_eq!(
            serde_json::to_string(&*e).unwrap(),
            r#"{"key":"k42","version":0,"updated_unix_ns":1700000000000000042,"items":[{"id":168,"value":302,"label":"k42/0"},{"id":169,"value":309,"label":"k42/1"},{"id":170,"value":316,"label":"k42/2"},{"id":171,"value":323,"label":"k42/3"}]}"#
        );
    }

    #[test]
    fn key_sequence_matches_go() {
        let c = Cache::new(200_000);
        let keys: Vec<String> = (0..3).map(|_| c.next_key()).collect();
        assert_eq!(keys, GO_FIRST_KEYS);
    }

    #[test]
    fn update_bumps_version_and_values() {
        let c = Cache::new(10);
        let e = c.update("k3").unwrap();
        assert_eq!(e.version, 1);
        assert_eq!(e.items[0].value, c.get("k3").unwrap().items[0].value);
        assert_eq!(e.items[0].value, 94); // (3*31 + 0*7) % 1000 + 1
        assert!(c.update("nope").is_none());
    }

    const GO_FIRST_KEYS: [&str; 3] = ["k7535", "k22465", "k148110"];
}
