export const star = 1; export const twinkle = 2;
