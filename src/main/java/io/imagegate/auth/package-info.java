/**
 * Who is calling: API keys stored only as hashes, the caller they resolve to, and the admin token. A key's
 * secret exists in plain text exactly once, in the response that created it.
 */
package io.imagegate.auth;
