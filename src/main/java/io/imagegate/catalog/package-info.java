/**
 * Image models as data: sizes, aspect ratios, limits and prices read from a catalog file, never from code.
 * {@link io.imagegate.catalog.ModelSpec#resolve} turns a caller's optional fields into an exact, supported
 * request or names the field that is wrong.
 */
package io.imagegate.catalog;
