/**
 * Lists read a page at a time, newest first, with a keyset cursor instead of an offset, so a page costs the
 * same however deep it is and rows written meanwhile neither repeat nor go missing.
 */
package io.imagegate.paging;
