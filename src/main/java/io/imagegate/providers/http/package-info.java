/**
 * HTTP for provider adapters: one provider that does every exchange, over one pooled client bounded by the
 * call's deadline and response size, and the status-code classification every vendor starts from. A vendor
 * adds only its wire format, as the pure conversions of a {@link io.imagegate.providers.http.VendorWire}.
 */
package io.imagegate.providers.http;
