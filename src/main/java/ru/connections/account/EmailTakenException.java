package ru.connections.account;

/** Registration with an email that already has an account. */
public class EmailTakenException extends Exception {

    public EmailTakenException() {
        super("email already registered");
    }
}
