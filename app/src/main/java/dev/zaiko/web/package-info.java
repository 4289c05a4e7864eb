/**
 * The operator console and the customer pages (server-rendered). For now the console's
 * front page; it reads other modules only through their public APIs.
 */
package dev.zaiko.web;
