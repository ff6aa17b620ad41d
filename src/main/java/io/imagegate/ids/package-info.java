/**
 * Opaque identifiers for accounts, keys, images and requests. They carry a readable type prefix and enough
 * randomness that nobody can guess one from another.
 */
package io.imagegate.ids;
