/**
 * The built-in local generator that draws a real deterministic image so the gateway works offline, in tests
 * and in demos, with no vendor account and no network.
 * The picture comes from a hash of the whole request and carries the prompt as text, so the same request
 * always gives the same bytes and different requests are told apart at a glance.
 */
package io.imagegate.providers.sandbox;
