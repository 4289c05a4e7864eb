package dev.zaiko.connector;

/** The platforms Zaiko has a connector for. */
public enum Platform {
    AMAZON, RAKUTEN, YAHOO, SHOPIFY, SMAREGI
}
