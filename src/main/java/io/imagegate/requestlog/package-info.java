/**
 * The request log: one record per generation request that passed authentication, whatever its outcome, with
 * the channels it tried, its latency and its charge. Operators and callers read it to learn what happened to a
 * request without SQL; it is kept for a configured retention and then swept.
 */
package io.imagegate.requestlog;
