// Every word of the visitor's page, in English and French. The compiler holds
// both languages to the same keys, so neither can miss a sentence.

export type Language = "en" | "fr";

const en = {
  "exit": "Leave quickly",
  "exit.hint": "Press Escape, or Shift three times, to leave at once.",
  "language.switch": "Français",
  "language.switch.label": "Lire cette page en français",
  "terms.title": "Before you start",
  "terms.what": "This is a private written chat with an advocate of the helpline. You do not need an account or an app, and you can stay anonymous.",
  "terms.encryption": "Your messages are encrypted in this page before they leave it: only the helpline's staff can read them.",
  "terms.confidentiality": "What you write stays confidential, with limits: if a child is in danger, or a life is at immediate risk, the law may require the helpline to act.",
  "terms.leave": "You can leave at any time with the “Leave quickly” button, the Escape key, or Shift pressed three times. The page is then replaced and nothing of the chat stays in it.",
  "terms.device": "If someone may be watching this device or its browser history, use another device, or a private window, if you can.",
  "terms.accept": "I understand, start the chat",
  "closed.title": "The chat is closed right now",
  "emergency.title": "The helpline cannot answer right now",
  "closed.next": "It opens again {when}.",
  "alternatives": "In an emergency, call {numbers}.",
  "channels": "You can also text the helpline at {numbers}.",
  "unsupported.title": "This browser cannot open the chat",
  "unsupported.body": "The chat encrypts your messages in the page, and this browser lacks what that needs. Try an up-to-date Chrome, Firefox, Safari or Edge.",
  "error.title": "The chat could not start",
  "error.body": "Please try again in a few minutes.",
  "error.busy": "Many people are writing right now. Please try again in a few minutes.",
  "wait.place": "You are number {place} in the queue.",
  "wait.minutes": "Expected wait: about {minutes} minutes.",
  "wait.nobody": "No advocate is available at this moment; your messages will be read as soon as one is.",
  "wait.first": "Write your first message to take your place.",
  "wait.answered": "An advocate is with you.",
  "chat.title": "Chat",
  "thread.label": "Conversation",
  "thread.you": "You",
  "thread.helpline": "Helpline",
  "thread.automatic": "Automatic message",
  "compose.label": "Your message",
  "compose.send": "Send",
  "compose.sending": "Sending…",
  "compose.error": "Your message could not be sent. Try again.",
  "compose.slow": "You are sending messages quickly; wait a moment.",
  "ended.title": "The chat has ended",
  "ended.body": "Thank you for writing. You can close this page, or leave quickly.",
} as const;

export type Key = keyof typeof en;

const fr: Record<Key, string> = {
  "exit": "Quitter vite",
  "exit.hint": "Appuyez sur Échap, ou trois fois sur Maj, pour partir tout de suite.",
  "language.switch": "English",
  "language.switch.label": "Read this page in English",
  "terms.title": "Avant de commencer",
  "terms.what": "Ceci est un chat écrit et privé avec une intervenante de la ligne d'écoute. Aucun compte ni application n'est nécessaire, et vous pouvez rester anonyme.",
  "terms.encryption": "Vos messages sont chiffrés dans cette page avant de la quitter : seule l'équipe de la ligne d'écoute peut les lire.",
  "terms.confidentiality": "Ce que vous écrivez reste confidentiel, avec des limites : si un enfant est en danger, ou si une vie est menacée dans l'immédiat, la loi peut obliger la ligne d'écoute à agir.",
  "terms.leave": "Vous pouvez partir à tout moment avec le bouton « Quitter vite », la touche Échap, ou trois appuis sur Maj. La page est alors remplacée et rien du chat n'y reste.",
  "terms.device": "Si quelqu'un peut surveiller cet appareil ou l'historique du navigateur, utilisez si possible un autre appareil ou une fenêtre privée.",
  "terms.accept": "J'ai compris, commencer le chat",
  "closed.title": "Le chat est fermé en ce moment",
  "emergency.title": "La ligne d'écoute ne peut pas répondre en ce moment",
  "closed.next": "Il rouvre {when}.",
  "alternatives": "En cas d'urgence, appelez le {numbers}.",
  "channels": "Vous pouvez aussi écrire par SMS à la ligne d'écoute au {numbers}.",
  "unsupported.title": "Ce navigateur ne peut pas ouvrir le chat",
  "unsupported.body": "Le chat chiffre vos messages dans la page, et il manque à ce navigateur ce qu'il faut pour cela. Essayez un Chrome, Firefox, Safari ou Edge à jour.",
  "error.title": "Le chat n'a pas pu démarrer",
  "error.body": "Veuillez réessayer dans quelques minutes.",
  "error.busy": "Beaucoup de personnes écrivent en ce moment. Veuillez réessayer dans quelques minutes.",
  "wait.place": "Vous êtes numéro {place} dans la file d'attente.",
  "wait.minutes": "Attente prévue : environ {minutes} minutes.",
  "wait.nobody": "Aucune intervenante n'est disponible en ce moment ; vos messages seront lus dès que l'une d'elles le sera.",
  "wait.first": "Écrivez votre premier message pour prendre votre place.",
  "wait.answered": "Une intervenante est avec vous.",
  "chat.title": "Chat",
  "thread.label": "Conversation",
  "thread.you": "Vous",
  "thread.helpline": "Ligne d'écoute",
  "thread.automatic": "Message automatique",
  "compose.label": "Votre message",
  "compose.send": "Envoyer",
  "compose.sending": "Envoi…",
  "compose.error": "Votre message n'a pas pu être envoyé. Réessayez.",
  "compose.slow": "Vous envoyez des messages très vite ; patientez un instant.",
  "ended.title": "Le chat est terminé",
  "ended.body": "Merci d'avoir écrit. Vous pouvez fermer cette page, ou quitter vite.",
};

const catalogues: Record<Language, Record<Key, string>> = { en, fr };

export function translate(language: Language, key: Key, values: Record<string, string | number> = {}): string {
  return catalogues[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

export function languageOf(raw: string | undefined): Language {
  return raw === "fr" ? "fr" : "en";
}
