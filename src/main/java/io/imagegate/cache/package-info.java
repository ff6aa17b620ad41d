/**
 * Short-lived read-through caches of database rows that every request reads and admins seldom change: API key
 * lookups and prices. Their lifetime bounds how stale another node may be; on the node that makes a change, the
 * change is seen at once.
 */
package io.imagegate.cache;
