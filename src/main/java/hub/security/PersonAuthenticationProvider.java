package hub.security;

import java.util.Collection;
import java.util.List;

import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A person's e-mail address and password, checked against the users table with Spring Security's
 * {@link DaoAuthenticationProvider}: an unknown address, an inactive user or organisation and a user without a
 * password fail like a wrong password, after the same password hashing. Success is the person as a
 * {@link Caller} of their organisation.
 */
public class PersonAuthenticationProvider extends DaoAuthenticationProvider {

    public PersonAuthenticationProvider(PeopleRepository people, PasswordEncoder passwordEncoder) {
        super(passwordEncoder);
        setUserDetailsService(email -> people.account(email)
                .filter(account -> account.active() && account.passwordHash() != null)
                .map(Person::new)
                .orElseThrow(() -> new UsernameNotFoundException("No active user with a password has this e-mail address")));
    }

    @Override
    protected Authentication createSuccessAuthentication(Object principal, Authentication authentication, UserDetails user) {
        PeopleRepository.Account account = ((Person) user).account();
        return new CallerAuthentication(Caller.person(account.organizationId(), account.id(), account.role()),
                account.mustChangePassword());
    }

    private record Person(PeopleRepository.Account account) implements UserDetails {

        @Override
        public Collection<? extends GrantedAuthority> getAuthorities() {
            return List.of();
        }

        @Override
        public String getPassword() {
            return account.passwordHash();
        }

        @Override
        public String getUsername() {
            return account.email();
        }
    }
}
