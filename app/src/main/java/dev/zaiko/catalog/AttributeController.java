package dev.zaiko.catalog;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The attribute dictionary: {@code PUT /api/attributes/{attribute}} names a product attribute
 * (201 when new, 200 when replaced), {@code GET} reads one or all.
 */
@RestController
@RequestMapping("/api/attributes")
class AttributeController {

    private final AttributeDictionary dictionary;
    private final DefiningAttributes defining;

    AttributeController(AttributeDictionary dictionary, DefiningAttributes defining) {
        this.dictionary = dictionary;
        this.defining = defining;
    }

    @Operation(summary = "List the attribute dictionary",
            description = "Every product attribute with a display name: its Japanese and English name, unit and the wording of its text values. Attributes without an entry are shown by their key.")
    @GetMapping
    List<AttributeEntry> list() {
        return dictionary.list();
    }

    @Operation(summary = "Read one attribute's display names",
            description = "The Japanese and English name, unit and value wordings of one product attribute key; 404 when the dictionary has no entry for it.")
    @GetMapping("/{attribute}")
    AttributeEntry get(@PathVariable String attribute) {
        return dictionary.get(attribute);
    }

    @Operation(summary = "Name a product attribute",
            description = "Creates or replaces the attribute's entry: a name in Japanese and English, an optional unit in both languages, and the Japanese and English wording of its text values. Customers and operators then read these names wherever attributes are compared. A refused entry changes nothing; the problem's field names what is wrong (e.g. name.en, values.wood.ja).")
    @ApiResponse(responseCode = "201", description = "The entry, created.")
    @ApiResponse(responseCode = "200", description = "The entry, replaced.")
    @PutMapping("/{attribute}")
    ResponseEntity<AttributeEntry> define(@PathVariable String attribute,
                                          @RequestBody DefiningAttributes.Definition request) {
        DefiningAttributes.Defined defined = defining.define(attribute, request);
        return ResponseEntity.status(defined.created() ? HttpStatus.CREATED : HttpStatus.OK).body(defined.entry());
    }
}
