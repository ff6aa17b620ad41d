/**
 * Where generated images live and how callers reach them: stores, signed URLs with an expiry, and the sweeper
 * that deletes images once their URLs have expired. Callers only ever see URLs; ids stay opaque.
 */
package io.imagegate.storage;
