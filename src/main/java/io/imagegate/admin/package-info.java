/**
 * The admin API under {@code /admin/v1}: accounts, balances and API keys, guarded by the admin bearer token.
 * It answers failures with the same error body as the public API.
 */
package io.imagegate.admin;
