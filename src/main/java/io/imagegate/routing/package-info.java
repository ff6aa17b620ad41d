/**
 * Which upstream serves each catalog model. Without configured channels every model is served by the
 * built-in sandbox, and the router says so at start-up and in the model list.
 */
package io.imagegate.routing;
