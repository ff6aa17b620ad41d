/**
 * A self-hosted AUTOMATIC1111 or Forge WebUI started with {@code --api}: {@code sdapi/v1/txt2img}, and
 * {@code img2img} for edits. Sizes are rounded to multiples of 8, {@code n} is one batch, and the channel's model
 * mapping picks the checkpoint; there is no safety signal, no price and one GPU behind each server.
 */
package io.imagegate.providers.sdwebui;
