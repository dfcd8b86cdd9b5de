/**
 * Accounts: registration, sign-in and sign-out, password hashing and the guard against
 * password guessing. Other features know the signed-in user only through {@link ru.connections.account.CurrentUser}.
 */
package ru.connections.account;
