package hub.llm;

import java.util.Locale;

import hub.config.HubProperties;

/** Picks the provider for a chatbot's model name, falling back to offline when its API key is not configured. */
public final class ProviderSelector {

    private final HubProperties.Llm llm;

    public ProviderSelector(HubProperties.Llm llm) {
        this.llm = llm;
    }

    public Provider select(String modelName) {
        Provider byModel = byModelName(modelName);
        return hasKey(byModel) ? byModel : Provider.OFFLINE;
    }

    Provider byModelName(String modelName) {
        String model = modelName == null ? "" : modelName.trim().toLowerCase(Locale.ROOT);
        if (model.contains("gemini")) {
            return Provider.GEMINI;
        }
        if (model.contains("gpt") || model.startsWith("o1") || model.startsWith("o3") || model.startsWith("o4")) {
            return Provider.OPENAI;
        }
        return Provider.fromSetting(llm.defaultProvider());
    }

    private boolean hasKey(Provider provider) {
        return switch (provider) {
            case OPENAI -> notBlank(llm.openai().apiKey());
            case GEMINI -> notBlank(llm.gemini().apiKey());
            case OFFLINE -> true;
        };
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
