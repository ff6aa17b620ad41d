/**
 * The provider SPI: one call that turns an {@link io.imagegate.providers.ImageJob} into image bytes. Each
 * vendor lives in its own sub-package and depends only on this SPI, never on the gateway around it.
 */
package io.imagegate.providers;
