package dev.zaiko.catalog;

import java.util.List;

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

    @GetMapping
    List<AttributeEntry> list() {
        return dictionary.list();
    }

    @GetMapping("/{attribute}")
    AttributeEntry get(@PathVariable String attribute) {
        return dictionary.get(attribute);
    }

    @PutMapping("/{attribute}")
    ResponseEntity<AttributeEntry> define(@PathVariable String attribute,
                                          @RequestBody DefiningAttributes.Definition request) {
        DefiningAttributes.Defined defined = defining.define(attribute, request);
        return ResponseEntity.status(defined.created() ? HttpStatus.CREATED : HttpStatus.OK).body(defined.entry());
    }
}
