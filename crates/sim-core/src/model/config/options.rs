//! The small enums of choice settings, each declared once with [`choice_enum!`]: variant, id (the file's serde
//! name and the choice list's id) and label for people, in the order the inspector lists them.

use super::choice::choice_enum;

choice_enum! {
    /// How request keys (user ids, item ids) are drawn.
    pub enum KeyDistribution {
        /// Key of rank k has probability ∝ 1/k^α (a few keys are hot).
        #[default]
        Zipf = "zipf", "Zipf (skewed)",
        /// Every key equally likely.
        Uniform = "uniform", "Uniform",
    }
}

choice_enum! {
    /// Load-balancing algorithm.
    pub enum LbAlgorithm {
        /// Each healthy backend in turn.
        #[default]
        RoundRobin = "round_robin", "Round robin",
        /// A uniformly random healthy backend.
        Random = "random", "Random",
        /// The healthy backend with the fewest requests outstanding (ties: first in list order).
        LeastConnections = "least_connections", "Least connections",
        /// The client address (here: the user) hashed modulo the healthy backends.
        IpHash = "ip_hash", "IP hash",
        /// Round robin for a user's first request, then the backend named by their session cookie while healthy.
        StickySessions = "sticky_sessions", "Sticky sessions (cookie)",
        /// Power of two choices: two distinct healthy backends drawn at random, the request goes to the one with
        /// fewer requests outstanding (ties: the first drawn). Envoy's and NGINX's `random two least_conn`;
        /// Mitzenmacher, "The Power of Two Choices in Randomized Load Balancing", IEEE TPDS 12(10), 2001.
        PowerOfTwoChoices = "p2c", "Power of two choices (P2C)",
    }
}

choice_enum! {
    /// Where a web server keeps user sessions.
    pub enum SessionMode {
        /// No logins (sessions are not modelled).
        #[default]
        None = "none", "No logins",
        /// In this server's memory (stateful): a request on another server finds no session and the user is
        /// logged out; a dead server logs out all its users.
        InMemory = "in_memory", "In this server's memory (stateful)",
        /// In a shared session store (stateless web tier): any server can serve any user.
        SessionStore = "session_store", "In a shared session store (stateless)",
    }
}

choice_enum! {
    /// Distribution of service times around their mean.
    pub enum ServiceDistribution {
        /// Memoryless (coefficient of variation 1): the "M" in M/M/c.
        #[default]
        Exponential = "exponential", "Exponential",
        /// Always exactly the mean: the "D" in M/D/c.
        Constant = "constant", "Constant",
    }
}

choice_enum! {
    /// How a shard router maps keys to shards.
    pub enum ShardStrategy {
        /// A hash ring with virtual nodes.
        #[default]
        ConsistentHashing = "consistent_hashing", "Consistent hashing (virtual nodes)",
        /// hash(key) mod n.
        Modulo = "modulo", "hash(user id) mod number of shards",
        /// Contiguous key ranges.
        Range = "range", "Ranges of user ids",
    }
}

choice_enum! {
    /// How writes reach read replicas.
    pub enum Replication {
        /// The primary acknowledges a write at once and ships it to replicas after the lag: fast writes, but
        /// writes not yet shipped are lost if the primary dies.
        #[default]
        Asynchronous = "asynchronous", "Asynchronous (fast writes, may lose some)",
        /// The primary acknowledges a write only once one replica has received it (a network round trip later):
        /// slower writes, nothing acknowledged is lost.
        SemiSynchronous = "semi_synchronous", "Semi-synchronous (slower writes, no loss)",
        /// Every member is a primary (the master–master of the lecture): each takes the writes sent nearest to it
        /// and ships them to the others asynchronously; writes to one key at two primaries within the lag conflict
        /// (last writer wins).
        MultiPrimary = "multi_primary", "Multi-primary (every member takes writes)",
    }
}

choice_enum! {
    /// Which entry a full cache evicts.
    pub enum Eviction {
        /// Least recently used.
        #[default]
        Lru = "lru", "LRU (least recently used)",
        /// Least frequently used since it entered the cache (ties: least recently used).
        Lfu = "lfu", "LFU (least frequently used)",
        /// Oldest inserted, whatever its use.
        Fifo = "fifo", "FIFO (oldest first)",
    }
}

choice_enum! {
    /// What a cache does when a write passes through it to the database.
    pub enum WritePolicy {
        /// Delete the cached entry after the database write (the next read misses and refills).
        #[default]
        Invalidate = "invalidate", "Invalidate the entry",
        /// Store the written value in the cache after the database write.
        WriteThrough = "write_through", "Write through (update the entry)",
        /// Leave the cached entry alone: reads see the old value until it expires (stale reads).
        Nothing = "nothing", "Nothing (stale reads)",
    }
}
