/**
 * What both programs' {@code main} share before any remote call exists: reading secrets from files, options from a configuration file, and saying
 * in one line why start-up failed. Not part of the remote contract; it lives in {@code chat-api} only because
 * that is the one module server and client both depend on.
 */
package org.rmichat.api.startup;
