/**
 * Per-key limits on generation requests: a token bucket of requests per minute and a bound on requests in
 * flight, kept in memory for one node or in Redis for every node sharing it. Channels use the same slots in
 * Redis to bound their calls across the cluster.
 */
package io.imagegate.ratelimit;
