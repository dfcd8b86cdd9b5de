package ru.connections.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReturnAddressTest {

    @Test
    void keepsPagesOfThisApplication() {
        assertEquals("/connections", ReturnAddress.safe("/connections"));
        assertEquals("/evotor?tab=token", ReturnAddress.safe("/evotor?tab=token"));
    }

    @Test
    void refusesEverythingThatCouldLeaveTheApplication() {
        for (String target : new String[] {null, "", "https://evil.example", "//evil.example", "/\\evil.example",
                "evil", "javascript:alert(1)", "/\r\nSet-Cookie:x=1", "\\\\evil.example"}) {
            assertEquals("/", ReturnAddress.safe(target), String.valueOf(target));
        }
    }

    @Test
    void signInLinkCarriesTheEncodedTarget() {
        assertEquals("?next=%2Fconnections%3Fa%3D1", ReturnAddress.asQuery(ReturnAddress.of("/connections", "a=1")));
        assertEquals("", ReturnAddress.asQuery("/"));
    }
}
