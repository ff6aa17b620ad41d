/**
 * Typed configuration and the start-up work that must happen before anything serves: the data directory,
 * the database, the generated secrets. A setting that cannot work fails start-up with a message naming the fix.
 */
package io.imagegate.config;
