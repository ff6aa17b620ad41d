/**
 * The gateway's web pages: the model catalog and model pages, pricing, and the frame (layout, assets, security
 * headers, HTML errors) the playground and consoles are built on. Controllers build each page's data as a record
 * from the domain and hand it to a precompiled jte template; nothing else in the gateway imports this package.
 */
package io.imagegate.web;
