import { ref, type Ref } from 'vue'

export interface CopyState {
  /** What the live region says after a copy: success, or how to copy by hand. */
  announcement: Ref<string>
  copy(text: string, fallbackTarget?: HTMLElement | null): Promise<void>
}

/**
 * "Copier": the clipboard when the browser allows it, else the text is selected for Ctrl+C; either
 * way the outcome is announced (a live region shows `announcement`).
 */
export function useCopy(messages: { copied: string; selected: string }): CopyState {
  const announcement = ref('')

  async function copy(text: string, fallbackTarget?: HTMLElement | null): Promise<void> {
    announcement.value = ''
    try {
      if (!navigator.clipboard) throw new Error('no clipboard')
      await navigator.clipboard.writeText(text)
      announcement.value = messages.copied
    } catch {
      const selection = window.getSelection()
      if (fallbackTarget && selection) {
        const range = document.createRange()
        range.selectNodeContents(fallbackTarget)
        selection.removeAllRanges()
        selection.addRange(range)
      }
      announcement.value = messages.selected
    }
  }

  return { announcement, copy }
}
