package dev.zaiko.connector.amazon;

/**
 * The XML of a {@code POST_ORDER_ACKNOWLEDGEMENT_DATA} feed that cancels one order item for no
 * inventory: an AmazonEnvelope with one OrderAcknowledgement message, StatusCode {@code Failure} and
 * the item's {@code CancelReason NoInventory} (for NoInventory, Amazon does not add the cancelled
 * units back to the listing's quantity). The whole line is cancelled: the feed has no quantity per
 * item.
 *
 * @see <a href="https://developer-docs.amazon.com/sp-api/docs/order-feeds">Order feeds</a>
 * @see <a href="https://images-na.ssl-images-amazon.com/images/G/01/rainier/help/xsd/release_4_1/OrderAcknowledgement.xsd">OrderAcknowledgement.xsd</a>
 */
final class OrderAcknowledgement {

    static final String NO_INVENTORY = "NoInventory";

    private OrderAcknowledgement() {
    }

    static String noInventory(String merchantId, String amazonOrderId, String amazonOrderItemCode) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">
                  <Header>
                    <DocumentVersion>1.01</DocumentVersion>
                    <MerchantIdentifier>%s</MerchantIdentifier>
                  </Header>
                  <MessageType>OrderAcknowledgement</MessageType>
                  <Message>
                    <MessageID>1</MessageID>
                    <OrderAcknowledgement>
                      <AmazonOrderID>%s</AmazonOrderID>
                      <StatusCode>Failure</StatusCode>
                      <Item>
                        <AmazonOrderItemCode>%s</AmazonOrderItemCode>
                        <CancelReason>%s</CancelReason>
                      </Item>
                    </OrderAcknowledgement>
                  </Message>
                </AmazonEnvelope>
                """.formatted(escape(merchantId), escape(amazonOrderId), escape(amazonOrderItemCode), NO_INVENTORY);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&apos;");
    }
}
