package io.floe.codec.msgpack;

import java.util.Locale;

/** The kinds of msgpack value; integers of every width are one kind, as are the str and bin formats each. */
public enum MsgpackType {
    NIL, BOOLEAN, INTEGER, FLOAT, STRING, BINARY, ARRAY, MAP, EXTENSION;

    private static final MsgpackType[] BY_FORMAT = new MsgpackType[256];

    static {
        for (int b = 0; b < 256; b++) {
            BY_FORMAT[b] = classify(b);
        }
    }

    /** The kind a value of this first byte is; null for 0xc1, which msgpack never uses. */
    public static MsgpackType of(int formatByte) {
        return BY_FORMAT[formatByte & 0xff];
    }

    /** The kind's name as messages show it ("a map", "an integer"). */
    public String described() {
        String n = name().toLowerCase(Locale.ROOT);
        return (n.startsWith("a") || n.startsWith("e") || n.startsWith("i") ? "an " : "a ") + n;
    }

    private static MsgpackType classify(int b) {
        if (b <= 0x7f || b >= 0xe0) {
            return INTEGER;
        }
        if (b <= 0x8f) {
            return MAP;
        }
        if (b <= 0x9f) {
            return ARRAY;
        }
        if (b <= 0xbf) {
            return STRING;
        }
        return switch (b) {
            case 0xc0 -> NIL;
            case 0xc2, 0xc3 -> BOOLEAN;
            case 0xc4, 0xc5, 0xc6 -> BINARY;
            case 0xc7, 0xc8, 0xc9, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8 -> EXTENSION;
            case 0xca, 0xcb -> FLOAT;
            case 0xcc, 0xcd, 0xce, 0xcf, 0xd0, 0xd1, 0xd2, 0xd3 -> INTEGER;
            case 0xd9, 0xda, 0xdb -> STRING;
            case 0xdc, 0xdd -> ARRAY;
            case 0xde, 0xdf -> MAP;
            default -> null;
        };
    }
}
