/**
 * The vocabulary the HTTP edges share: error codes with their status, the OpenAI-shaped error body, and
 * strict reading of JSON request bodies. Public API and admin API answer every failure the same way.
 */
package io.imagegate.http;
