package dev.zaiko.connector.amazon;

import java.io.ByteArrayInputStream;
import java.util.StringJoiner;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import dev.zaiko.connector.PlatformClient.CancellationOutcome;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The processing report of an XML feed (the order acknowledgement): an AmazonEnvelope whose
 * ProcessingReport has a {@code ProcessingSummary} (MessagesProcessed, MessagesSuccessful,
 * MessagesWithError, MessagesWithWarning) and one {@code Result} per message that had a problem
 * (MessageID, ResultCode Error or Warning, ResultMessageCode, ResultDescription). The feed carries one
 * message, so: an Error result, or no successful message, is Amazon refusing the cancellation (in
 * its words); a successful message is the cancellation confirmed. Read without DTDs or external
 * entities.
 *
 * @see <a href="https://docs.developer.amazonservices.com/en_US/feeds/Feeds_GetFeedSubmissionResult.html">GetFeedSubmissionResult (the processing report's shape, unchanged in SP-API)</a>
 * @see <a href="https://developer-docs.amazon.com/sp-api/docs/feeds-api-v2021-06-30-use-case-guide">Feeds API use case guide, step 7: download the feed processing report</a>
 */
final class ProcessingReport {

    private ProcessingReport() {
    }

    static CancellationOutcome cancellation(String feedId, byte[] report) {
        Document xml;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            xml = factory.newDocumentBuilder().parse(new ByteArrayInputStream(report));
        } catch (Exception e) {
            return new CancellationOutcome(CancellationOutcome.Status.REFUSED, feedId,
                    "Amazon's processing report of feed " + feedId + " could not be read: " + e.getMessage());
        }
        StringJoiner errors = new StringJoiner("; ");
        NodeList results = xml.getElementsByTagName("Result");
        for (int i = 0; i < results.getLength(); i++) {
            Element result = (Element) results.item(i);
            if (!"Error".equalsIgnoreCase(text(result, "ResultCode"))) continue;
            String code = text(result, "ResultMessageCode");
            errors.add((code.isEmpty() ? "" : code + ": ") + text(result, "ResultDescription"));
        }
        int successful = number(xml.getDocumentElement(), "MessagesSuccessful");
        int withError = number(xml.getDocumentElement(), "MessagesWithError");
        if (errors.length() > 0) {
            return new CancellationOutcome(CancellationOutcome.Status.REFUSED, feedId,
                    "Amazon refused the cancellation (feed " + feedId + "): " + errors);
        }
        if (successful > 0) return new CancellationOutcome(CancellationOutcome.Status.CONFIRMED, feedId, null);
        return new CancellationOutcome(CancellationOutcome.Status.REFUSED, feedId, "Amazon's processing report of feed "
                + feedId + " counts no successful message (" + Math.max(withError, 0) + " with an error)");
    }

    private static String text(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagName(name);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }

    private static int number(Element parent, String name) {
        try {
            return Integer.parseInt(text(parent, name));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
