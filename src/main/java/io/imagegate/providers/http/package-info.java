/**
 * HTTP for provider adapters: one pooled client that bounds every call by its deadline and its response size,
 * and the status-code classification every vendor starts from. Adapters add only their wire format.
 */
package io.imagegate.providers.http;
