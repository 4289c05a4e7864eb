package dev.zaiko.contact.scripts;

/** GENERAL: any case no other variant claims; the options as the case gives them. */
class GeneralScript implements ScriptVariant {

    @Override
    public String name() {
        return "GENERAL";
    }

    @Override
    public boolean appliesTo(ScriptSituation s) {
        return true;
    }
}
