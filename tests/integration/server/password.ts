/** The password of every harness user; its own module so child processes need not load the server. */
export const PASSWORD = 'richtig-geheim-42';
