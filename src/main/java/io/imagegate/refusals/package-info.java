/**
 * The closed vocabulary of refusals every domain package throws and only the edges translate: one sealed
 * family, so a status, an error code and a metric label are decided for each kind exactly once.
 */
package io.imagegate.refusals;
