package macserver.rest;

/**
 * How values are written. Under {@code /rest}, RouterOS's way: every value a JSON string, booleans
 * {@code "true"}/{@code "false"}, unset properties left out. At the seed's bare paths
 * ({@code /ip/mac-server...}), the seed's way: JSON booleans and numbers, null for unset.
 */
public enum Shape {
    ROUTEROS,
    SEED
}
