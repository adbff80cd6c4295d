package dev.thimble.examples;

/**
 * A row of the {@code users} table.
 *
 * @param id the primary key
 * @param name the user's name
 * @param email the user's e-mail address
 */
public record User(long id, String name, String email) {}
