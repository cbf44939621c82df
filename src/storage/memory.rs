//! A key-value store in memory, standing in for the browser's local storage in native tests,
//! that can be told to fail: a quota like the browser's, a refusal at the Nth write, or a crash
//! after the Nth write (nothing more is written or removed, as when a tab is closed mid-save).

use super::KeyValueStore;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default)]
pub struct MemoryStore {
    map: BTreeMap<String, String>,
    /// Most characters (keys and values, in UTF-16 units as browsers count) the store holds.
    pub quota: Option<usize>,
    /// Refuse the write with this number (1 is the first write from now), as a full quota would.
    pub fail_at: Option<usize>,
    /// After this many writes, nothing more reaches the store: writes are refused and removals
    /// are lost, as if the tab had been closed in the middle.
    pub crash_after: Option<usize>,
    /// Writes attempted so far.
    pub writes: usize,
}

fn units(text: &str) -> usize {
    text.encode_utf16().count()
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_quota(quota: usize) -> Self {
        MemoryStore {
            quota: Some(quota),
            ..Self::default()
        }
    }

    /// Characters in use (keys and values).
    pub fn used(&self) -> usize {
        self.map.iter().map(|(k, v)| units(k) + units(v)).sum()
    }

    /// Clears every failure set up, and the write count.
    pub fn heal(&mut self) {
        self.fail_at = None;
        self.crash_after = None;
        self.writes = 0;
    }

    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.map.clone()
    }

    fn crashed(&self) -> bool {
        self.crash_after.is_some_and(|n| self.writes >= n)
    }
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Option<String> {
        self.map.get(key).cloned()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), super::Refused> {
        if self.crashed() {
            return Err(super::Refused);
        }
        self.writes += 1;
        if self.fail_at == Some(self.writes) {
            return Err(super::Refused);
        }
        if let Some(quota) = self.quota {
            let old = self.map.get(key).map_or(0, |v| units(key) + units(v));
            if self.used() - old + units(key) + units(value) > quota {
                return Err(super::Refused);
            }
        }
        self.map.insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&mut self, key: &str) {
        if !self.crashed() {
            self.map.remove(key);
        }
    }

    fn keys(&self) -> Vec<String> {
        self.map.keys().cloned().collect()
    }
}
