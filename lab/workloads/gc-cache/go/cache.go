package main

import (
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// ItemsPerEntry is how many pointer-linked items each entry owns.
const ItemsPerEntry = 4

// shardCount locks: enough that 2 cores rarely contend, same as Rust.
const shardCount = 64

// baseUnixNs is the start-up timestamp of every entry, fixed so that a fresh
// Go and a fresh Rust server answer GET /entry/{key} byte for byte the same.
const baseUnixNs = 1_700_000_000_000_000_000

// Item is a small heap object reached through a pointer: each one is work
// for Go's garbage collector mark phase, which is the point of this workload.
type Item struct {
	ID    uint64 `json:"id"`
	Value int64  `json:"value"`
	Label string `json:"label"`
}

// Entry is one long-lived cache value: a string key, a slice of pointers to
// small structs and a timestamp. Entries are immutable once published;
// updates swap in a new *Entry, leaving the old one as garbage.
type Entry struct {
	Key           string  `json:"key"`
	Version       uint64  `json:"version"`
	UpdatedUnixNs int64   `json:"updated_unix_ns"`
	Items         []*Item `json:"items"`
}

type shard struct {
	mu sync.RWMutex
	m  map[string]*Entry
}

// Cache is a sharded map[string]*Entry guarded by one RWMutex per shard.
type Cache struct {
	shards  [shardCount]shard
	entries uint64
	next    atomic.Uint64 // drives the key sequence shared with Rust
}

// fnv1a64 picks the shard (the same function on the Rust side).
func fnv1a64(s string) uint64 {
	h := uint64(0xcbf29ce484222325)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 0x100000001b3
	}
	return h
}

// splitmix64 spreads the request counter over the key space.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// KeyOf is the key of entry i.
func KeyOf(i uint64) string { return "k" + strconv.FormatUint(i, 10) }

func initialEntry(i uint64) *Entry {
	key := KeyOf(i)
	items := make([]*Item, ItemsPerEntry)
	for j := range items {
		items[j] = &Item{
			ID:    i*ItemsPerEntry + uint64(j),
			Value: int64((i*31 + uint64(j)*7) % 1000),
			Label: key + "/" + strconv.Itoa(j),
		}
	}
	return &Entry{Key: key, Version: 0, UpdatedUnixNs: baseUnixNs + int64(i), Items: items}
}

// NewCache builds and fills a cache of n entries (keys k0..k{n-1}).
func NewCache(n uint64) *Cache {
	c := &Cache{entries: n}
	for s := range c.shards {
		c.shards[s].m = make(map[string]*Entry, n/shardCount+1)
	}
	for i := uint64(0); i < n; i++ {
		e := initialEntry(i)
		c.shards[fnv1a64(e.Key)%shardCount].m[e.Key] = e
	}
	return c
}

func (c *Cache) shardOf(key string) *shard { return &c.shards[fnv1a64(key)%shardCount] }

// Get returns the entry for key, or nil.
func (c *Cache) Get(key string) *Entry {
	s := c.shardOf(key)
	s.mu.RLock()
	e := s.m[key]
	s.mu.RUnlock()
	return e
}

// NextKey is the next key of the shared pseudo-random sequence.
func (c *Cache) NextKey() string {
	return KeyOf(splitmix64(c.next.Add(1)-1) % c.entries)
}

// Update replaces key's entry by a new version: every item value +1, new
// items allocated (the old ones become garbage), timestamp now.
func (c *Cache) Update(key string) *Entry {
	s := c.shardOf(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.m[key]
	if old == nil {
		return nil
	}
	items := make([]*Item, len(old.Items))
	for j, it := range old.Items {
		items[j] = &Item{ID: it.ID, Value: it.Value + 1, Label: it.Label}
	}
	e := &Entry{Key: old.Key, Version: old.Version + 1, UpdatedUnixNs: time.Now().UnixNano(), Items: items}
	s.m[key] = e
	return e
}
