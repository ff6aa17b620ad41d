/**
 * One image generation end to end: check the request against the catalog, route it, call the provider, store
 * what it delivered and answer with URLs. The HTTP layer above only parses and renders.
 */
package io.imagegate.generation;
