/**
 * The Evotor integration: OAuth and token connection, the REST clients for Evotor's OAuth server and
 * cloud API, the translation of Evotor's JSON and errors into our types, and the stored connection.
 */
package ru.connections.evotor;
